using System.Text.Json;
using System.Text.Json.Serialization;
using ImageRoll.Kubernetes.Models;

namespace ImageRoll.OpenShift.Models;

public sealed class DeploymentCauseImageTrigger
{
    [JsonPropertyName("from")]
    public ObjectReference? From { get; set; }

    [JsonExtensionData]
    public Dictionary<string, JsonElement>? Extra { get; set; }
}
