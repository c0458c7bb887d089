using System.Text.Json;
using System.Text.Json.Serialization;

namespace ImageRoll.Kubernetes.Models;

/// <summary>core/v1 PodTemplateSpec: the template a workload stamps pods from.</summary>
public sealed class PodTemplateSpec
{
    [JsonPropertyName("metadata")]
    public ObjectMeta Metadata { get; set; } = new();

    [JsonPropertyName("spec")]
    public PodSpec Spec { get; set; } = new();

    [JsonExtensionData]
    public Dictionary<string, JsonElement>? Extra { get; set; }
}
