using System.Text.Json;
using System.Text.Json.Serialization;

namespace ImageRoll.Kubernetes.Models;

/// <summary>apps/v1 Deployment: what rollout status (kubectl pkg/polymorphichelpers/rollout_status.go) and undo read.</summary>
public sealed class Deployment : KubeObject
{
    [JsonPropertyName("spec")]
    public DeploymentSpec Spec { get; set; } = new();

    [JsonPropertyName("status")]
    public DeploymentStatus Status { get; set; } = new();
}

public sealed class DeploymentSpec
{
    /// <summary>Null when the object was never defaulted; kubectl then skips the updated-replicas check.</summary>
    [JsonPropertyName("replicas")]
    public int? Replicas { get; set; }

    [JsonPropertyName("paused")]
    public bool? Paused { get; set; }

    [JsonPropertyName("progressDeadlineSeconds")]
    public int? ProgressDeadlineSeconds { get; set; }

    [JsonPropertyName("selector")]
    public LabelSelector? Selector { get; set; }

    [JsonPropertyName("template")]
    public PodTemplateSpec Template { get; set; } = new();

    [JsonExtensionData]
    public Dictionary<string, JsonElement>? Extra { get; set; }
}

public sealed class DeploymentStatus
{
    private List<Condition> _conditions = [];

    [JsonPropertyName("observedGeneration")]
    public long ObservedGeneration { get; set; }

    [JsonPropertyName("replicas")]
    public int Replicas { get; set; }

    [JsonPropertyName("updatedReplicas")]
    public int UpdatedReplicas { get; set; }

    [JsonPropertyName("readyReplicas")]
    public int ReadyReplicas { get; set; }

    [JsonPropertyName("availableReplicas")]
    public int AvailableReplicas { get; set; }

    [JsonPropertyName("unavailableReplicas")]
    public int UnavailableReplicas { get; set; }

    [JsonPropertyName("conditions")]
    public List<Condition> Conditions { get => _conditions; set => _conditions = value ?? []; }

    [JsonExtensionData]
    public Dictionary<string, JsonElement>? Extra { get; set; }
}
