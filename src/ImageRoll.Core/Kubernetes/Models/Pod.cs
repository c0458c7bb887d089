using System.Text.Json;
using System.Text.Json.Serialization;

namespace ImageRoll.Kubernetes.Models;

/// <summary>core/v1 Pod: what early failure diagnosis reads (container states, restarts, Ready condition).</summary>
public sealed class Pod : KubeObject
{
    [JsonPropertyName("spec")]
    public PodSpec Spec { get; set; } = new();

    [JsonPropertyName("status")]
    public PodStatus Status { get; set; } = new();
}

public sealed class PodStatus
{
    private List<Condition> _conditions = [];
    private List<ContainerStatus> _containerStatuses = [];
    private List<ContainerStatus> _initContainerStatuses = [];

    [JsonPropertyName("phase")]
    public string? Phase { get; set; }

    [JsonPropertyName("reason")]
    public string? Reason { get; set; }

    [JsonPropertyName("message")]
    public string? Message { get; set; }

    [JsonPropertyName("conditions")]
    public List<Condition> Conditions { get => _conditions; set => _conditions = value ?? []; }

    [JsonPropertyName("containerStatuses")]
    public List<ContainerStatus> ContainerStatuses { get => _containerStatuses; set => _containerStatuses = value ?? []; }

    [JsonPropertyName("initContainerStatuses")]
    public List<ContainerStatus> InitContainerStatuses { get => _initContainerStatuses; set => _initContainerStatuses = value ?? []; }

    [JsonExtensionData]
    public Dictionary<string, JsonElement>? Extra { get; set; }
}

public sealed class ContainerStatus
{
    [JsonPropertyName("name")]
    public string? Name { get; set; }

    [JsonPropertyName("ready")]
    public bool Ready { get; set; }

    [JsonPropertyName("started")]
    public bool? Started { get; set; }

    [JsonPropertyName("restartCount")]
    public int RestartCount { get; set; }

    [JsonPropertyName("image")]
    public string? Image { get; set; }

    [JsonPropertyName("imageID")]
    public string? ImageId { get; set; }

    [JsonPropertyName("state")]
    public ContainerState State { get; set; } = new();

    [JsonPropertyName("lastState")]
    public ContainerState LastState { get; set; } = new();

    [JsonExtensionData]
    public Dictionary<string, JsonElement>? Extra { get; set; }
}

/// <summary>Exactly one of waiting, running, terminated is set by the kubelet.</summary>
public sealed class ContainerState
{
    [JsonPropertyName("waiting")]
    public ContainerStateDetail? Waiting { get; set; }

    [JsonPropertyName("running")]
    public ContainerStateDetail? Running { get; set; }

    [JsonPropertyName("terminated")]
    public ContainerStateDetail? Terminated { get; set; }
}

public sealed class ContainerStateDetail
{
    [JsonPropertyName("reason")]
    public string? Reason { get; set; }

    [JsonPropertyName("message")]
    public string? Message { get; set; }

    [JsonPropertyName("exitCode")]
    public int? ExitCode { get; set; }

    [JsonPropertyName("startedAt")]
    public DateTimeOffset? StartedAt { get; set; }

    [JsonPropertyName("finishedAt")]
    public DateTimeOffset? FinishedAt { get; set; }

    [JsonExtensionData]
    public Dictionary<string, JsonElement>? Extra { get; set; }
}
