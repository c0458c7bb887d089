using System.Text.Json;
using System.Text.Json.Serialization;

namespace ImageRoll.Kubernetes.Models;

/// <summary>
/// apps/v1 ReplicaSet: a Deployment's revision. Its <c>deployment.kubernetes.io/revision</c> annotation orders
/// revisions and its template carries the <c>pod-template-hash</c> label its pods share
/// (kubernetes/kubectl pkg/util/deployment/deployment.go).
/// </summary>
public sealed class ReplicaSet : KubeObject
{
    [JsonPropertyName("spec")]
    public ReplicaSetSpec Spec { get; set; } = new();

    [JsonPropertyName("status")]
    public ReplicaSetStatus Status { get; set; } = new();
}

public sealed class ReplicaSetSpec
{
    [JsonPropertyName("replicas")]
    public int? Replicas { get; set; }

    [JsonPropertyName("selector")]
    public LabelSelector? Selector { get; set; }

    [JsonPropertyName("template")]
    public PodTemplateSpec Template { get; set; } = new();

    [JsonExtensionData]
    public Dictionary<string, JsonElement>? Extra { get; set; }
}

public sealed class ReplicaSetStatus
{
    [JsonPropertyName("replicas")]
    public int Replicas { get; set; }

    [JsonPropertyName("readyReplicas")]
    public int ReadyReplicas { get; set; }

    [JsonPropertyName("availableReplicas")]
    public int AvailableReplicas { get; set; }

    [JsonPropertyName("observedGeneration")]
    public long ObservedGeneration { get; set; }

    [JsonExtensionData]
    public Dictionary<string, JsonElement>? Extra { get; set; }
}
