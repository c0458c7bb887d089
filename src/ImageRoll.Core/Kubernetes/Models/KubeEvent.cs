using System.Text.Json;
using System.Text.Json.Serialization;

namespace ImageRoll.Kubernetes.Models;

/// <summary>core/v1 Event: the evidence a person reads with <c>kubectl describe pod</c> (Failed, BackOff, Unhealthy).</summary>
public sealed class KubeEvent : KubeObject
{
    [JsonPropertyName("involvedObject")]
    public ObjectReference InvolvedObject { get; set; } = new();

    [JsonPropertyName("reason")]
    public string? Reason { get; set; }

    [JsonPropertyName("message")]
    public string? Message { get; set; }

    /// <summary>Normal or Warning.</summary>
    [JsonPropertyName("type")]
    public string? Type { get; set; }

    [JsonPropertyName("count")]
    public int? Count { get; set; }

    [JsonPropertyName("firstTimestamp")]
    public DateTimeOffset? FirstTimestamp { get; set; }

    [JsonPropertyName("lastTimestamp")]
    public DateTimeOffset? LastTimestamp { get; set; }

    [JsonPropertyName("eventTime")]
    public DateTimeOffset? EventTime { get; set; }

    [JsonPropertyName("source")]
    public EventSource? Source { get; set; }

    /// <summary>When it last happened: lastTimestamp, else eventTime (events.k8s.io writers), else creation.</summary>
    [JsonIgnore]
    public DateTimeOffset? When => LastTimestamp ?? EventTime ?? FirstTimestamp ?? Metadata.CreationTimestamp;
}

public sealed class EventSource
{
    [JsonPropertyName("component")]
    public string? Component { get; set; }

    [JsonPropertyName("host")]
    public string? Host { get; set; }
}
