using System.Text.Json.Serialization;
using ImageRoll.Kubernetes.Models;

namespace ImageRoll.OpenShift.Models;

/// <summary>
/// image.openshift.io/v1 ImageStreamTag, named <c>stream:tag</c>. Writing one (PUT/POST) sets the stream's spec tag;
/// <c>oc get istag</c> also shows top-level <c>generation</c> and <c>conditions</c>.
/// </summary>
public sealed class ImageStreamTag : KubeObject
{
    [JsonPropertyName("tag")]
    public TagReference? Tag { get; set; }

    [JsonPropertyName("generation")]
    public long? Generation { get; set; }

    [JsonPropertyName("conditions")]
    public List<TagEventCondition> Conditions { get; set => field = value ?? []; } = [];
}
