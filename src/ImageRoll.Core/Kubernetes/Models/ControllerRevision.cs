using System.Text.Json;
using System.Text.Json.Serialization;

namespace ImageRoll.Kubernetes.Models;

/// <summary>
/// apps/v1 ControllerRevision: a StatefulSet's or DaemonSet's recorded template. <see cref="Data"/> is the strategic
/// merge patch <c>{"spec":{"template":{...,"$patch":"replace"}}}</c> kubectl applies on undo
/// (kubernetes/kubectl pkg/polymorphichelpers/rollback.go, getStatefulSetPatch / getDaemonSetPatch).
/// </summary>
public sealed class ControllerRevision : KubeObject
{
    [JsonPropertyName("revision")]
    public long Revision { get; set; }

    [JsonPropertyName("data")]
    public JsonElement? Data { get; set; }
}
