using ImageRoll.Kubernetes.Models;

namespace ImageRoll.Kubernetes;

/// <summary>
/// Asks the API server whether the current credentials may make a request, with a SelfSubjectAccessReview, as
/// <c>kubectl auth can-i</c> does (kubernetes/kubectl pkg/cmd/auth/cani.go, RunAccessCheck). Read-only: a review
/// is answered, never stored. Every authenticated user may create one (the system:basic-user cluster role).
/// </summary>
public sealed class AccessReviewer(IKubeApi api)
{
    /// <summary>The group version that serves the reviews.</summary>
    public const string GroupVersion = "authorization.k8s.io/v1";

    /// <summary>Whether the server offers SelfSubjectAccessReview (it is served by every Kubernetes since 1.6).</summary>
    public Task<bool> AvailableAsync(CancellationToken cancellationToken) => api.ServesAsync(GroupVersion, cancellationToken);

    /// <summary>The server's answer for one request.</summary>
    public async Task<SubjectAccessReviewStatus> ReviewAsync(AccessCheck check, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(check);
        var review = new SelfSubjectAccessReview
        {
            Kind = ResourceKind.SelfSubjectAccessReviews.Kind,
            ApiVersion = GroupVersion,
            Spec = new SelfSubjectAccessReviewSpec
            {
                ResourceAttributes = new ResourceAttributes
                {
                    Namespace = check.Namespace,
                    Verb = check.Verb,
                    Group = check.Resource.Group,
                    Resource = check.Resource.Plural,
                    Subresource = check.Subresource,
                },
            },
        };
        var answered = await api.CreateAsync(ResourceKind.SelfSubjectAccessReviews, null, review, null, cancellationToken).ConfigureAwait(false);
        return answered.Status ?? new SubjectAccessReviewStatus { Allowed = false, Reason = "the server's answer had no status" };
    }
}
