using System.Text.Json.Serialization;

namespace ImageRoll.Kubernetes.Models;

/// <summary>
/// authorization.k8s.io/v1 SelfSubjectAccessReview: what <c>kubectl auth can-i VERB RESOURCE</c> POSTs. The server
/// answers in <see cref="Status"/> whether the caller may do the request described in <see cref="Spec"/>
/// (kubernetes/api authorization/v1/types.go). Nothing is stored.
/// </summary>
public sealed class SelfSubjectAccessReview : KubeObject
{
    [JsonPropertyName("spec")]
    public SelfSubjectAccessReviewSpec Spec { get; set; } = new();

    [JsonPropertyName("status")]
    public SubjectAccessReviewStatus? Status { get; set; }
}
