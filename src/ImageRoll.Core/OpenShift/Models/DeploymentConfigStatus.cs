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

    // The counts are int32 with omitempty upstream (openshift/api apps/v1/types.go DeploymentConfigStatus); nullable
    // here so a DC read and written back keeps an absent count absent. Readers treat null as 0.
    [JsonPropertyName("replicas")]
    public int? Replicas { get; set; }

    [JsonPropertyName("updatedReplicas")]
    public int? UpdatedReplicas { get; set; }

    [JsonPropertyName("availableReplicas")]
    public int? AvailableReplicas { get; set; }

    [JsonPropertyName("unavailableReplicas")]
    public int? UnavailableReplicas { get; set; }

    [JsonPropertyName("readyReplicas")]
    public int? ReadyReplicas { get; set; }

    [JsonPropertyName("conditions")]
    public List<Condition> Conditions { get; set => field = value ?? []; } = [];

    [JsonPropertyName("details")]
    public DeploymentDetails? Details { get; set; }

    [JsonExtensionData]
    public Dictionary<string, JsonElement>? Extra { get; set; }
}
