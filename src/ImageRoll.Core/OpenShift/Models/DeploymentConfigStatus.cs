using System.Text.Json;
using System.Text.Json.Serialization;
using ImageRoll.Kubernetes.Models;

namespace ImageRoll.OpenShift.Models;

public sealed class DeploymentConfigStatus
{
    [JsonPropertyName("latestVersion")]
    public long LatestVersion { get; set; }

    [JsonPropertyName("observedGeneration")]
    public long? ObservedGeneration { get; set; }

    [JsonPropertyName("conditions")]
    public List<Condition> Conditions { get; set => field = value ?? []; } = [];

    [JsonPropertyName("details")]
    public DeploymentDetails? Details { get; set; }

    [JsonExtensionData]
    public Dictionary<string, JsonElement>? Extra { get; set; }
}
