using System.Text.Json.Serialization;

namespace ImageRoll.Kubernetes.Models;

/// <summary>The authorizer's answer: <c>allowed</c>, or not (<c>denied</c> when a deny rule matched), with its reason.</summary>
public sealed class SubjectAccessReviewStatus
{
    [JsonPropertyName("allowed")]
    public bool Allowed { get; set; }

    [JsonPropertyName("denied")]
    public bool? Denied { get; set; }

    [JsonPropertyName("reason")]
    public string? Reason { get; set; }

    [JsonPropertyName("evaluationError")]
    public string? EvaluationError { get; set; }
}
