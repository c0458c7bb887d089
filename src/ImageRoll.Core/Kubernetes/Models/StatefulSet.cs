using System.Text.Json;
using System.Text.Json.Serialization;

namespace ImageRoll.Kubernetes.Models;

/// <summary>apps/v1 StatefulSet: replicas, update strategy (partition) and revisions, as rollout status reads them.</summary>
public sealed class StatefulSet : KubeObject
{
    [JsonPropertyName("spec")]
    public StatefulSetSpec Spec { get; set; } = new();

    [JsonPropertyName("status")]
    public StatefulSetStatus Status { get; set; } = new();
}

public sealed class StatefulSetSpec
{
    [JsonPropertyName("replicas")]
    public int? Replicas { get; set; }

    [JsonPropertyName("selector")]
    public LabelSelector? Selector { get; set; }

    [JsonPropertyName("template")]
    public PodTemplateSpec Template { get; set; } = new();

    [JsonPropertyName("updateStrategy")]
    public UpdateStrategy UpdateStrategy { get; set; } = new();

    [JsonExtensionData]
    public Dictionary<string, JsonElement>? Extra { get; set; }
}

/// <summary>StatefulSet/DaemonSet <c>updateStrategy</c>: RollingUpdate (default) or OnDelete; partition for StatefulSets.</summary>
public sealed class UpdateStrategy
{
    [JsonPropertyName("type")]
    public string? Type { get; set; }

    [JsonPropertyName("rollingUpdate")]
    public RollingUpdateParameters? RollingUpdate { get; set; }

    [JsonExtensionData]
    public Dictionary<string, JsonElement>? Extra { get; set; }
}

public sealed class RollingUpdateParameters
{
    [JsonPropertyName("partition")]
    public int? Partition { get; set; }

    [JsonExtensionData]
    public Dictionary<string, JsonElement>? Extra { get; set; }
}

public sealed class StatefulSetStatus
{
    [JsonPropertyName("observedGeneration")]
    public long ObservedGeneration { get; set; }

    [JsonPropertyName("replicas")]
    public int Replicas { get; set; }

    [JsonPropertyName("readyReplicas")]
    public int ReadyReplicas { get; set; }

    [JsonPropertyName("currentReplicas")]
    public int CurrentReplicas { get; set; }

    [JsonPropertyName("updatedReplicas")]
    public int UpdatedReplicas { get; set; }

    [JsonPropertyName("availableReplicas")]
    public int AvailableReplicas { get; set; }

    [JsonPropertyName("currentRevision")]
    public string? CurrentRevision { get; set; }

    [JsonPropertyName("updateRevision")]
    public string? UpdateRevision { get; set; }

    [JsonExtensionData]
    public Dictionary<string, JsonElement>? Extra { get; set; }
}
