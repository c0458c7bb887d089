using System.Text.Json.Serialization;

namespace ImageRoll.Kubernetes.Models;

/// <summary>The API server's <c>Status</c> (errors, and the result of some deletes).</summary>
public sealed class KubeStatus : KubeObject
{
    [JsonPropertyName("status")]
    public string? Status { get; set; }

    [JsonPropertyName("message")]
    public string? Message { get; set; }

    [JsonPropertyName("reason")]
    public string? Reason { get; set; }

    [JsonPropertyName("code")]
    public int? Code { get; set; }

    [JsonPropertyName("details")]
    public StatusDetails? Details { get; set; }
}

public sealed class StatusDetails
{
    [JsonPropertyName("name")]
    public string? Name { get; set; }

    [JsonPropertyName("group")]
    public string? Group { get; set; }

    [JsonPropertyName("kind")]
    public string? Kind { get; set; }

    [JsonPropertyName("retryAfterSeconds")]
    public int? RetryAfterSeconds { get; set; }
}
