using System.Text.Json;
using System.Text.Json.Serialization;

namespace ImageRoll.Kubernetes.Models;

/// <summary>apps/v1 DaemonSet: update strategy and the scheduled/updated/available counts rollout status reads.</summary>
public sealed class DaemonSet : KubeObject
{
    [JsonPropertyName("spec")]
    public DaemonSetSpec Spec { get; set; } = new();

    [JsonPropertyName("status")]
    public DaemonSetStatus Status { get; set; } = new();
}

public sealed class DaemonSetSpec
{
    [JsonPropertyName("selector")]
    public LabelSelector? Selector { get; set; }

    [JsonPropertyName("template")]
    public PodTemplateSpec Template { get; set; } = new();

    [JsonPropertyName("updateStrategy")]
    public UpdateStrategy UpdateStrategy { get; set; } = new();

    [JsonExtensionData]
    public Dictionary<string, JsonElement>? Extra { get; set; }
}

public sealed class DaemonSetStatus
{
    [JsonPropertyName("observedGeneration")]
    public long ObservedGeneration { get; set; }

    [JsonPropertyName("desiredNumberScheduled")]
    public int DesiredNumberScheduled { get; set; }

    [JsonPropertyName("currentNumberScheduled")]
    public int CurrentNumberScheduled { get; set; }

    [JsonPropertyName("updatedNumberScheduled")]
    public int UpdatedNumberScheduled { get; set; }

    [JsonPropertyName("numberAvailable")]
    public int NumberAvailable { get; set; }

    [JsonPropertyName("numberReady")]
    public int NumberReady { get; set; }

    [JsonPropertyName("numberUnavailable")]
    public int NumberUnavailable { get; set; }

    [JsonExtensionData]
    public Dictionary<string, JsonElement>? Extra { get; set; }
}
