namespace ImageRoll.ClusterSimulator.Authorization;

/// <summary>
/// The authorizer's answer and its reason, as a SelfSubjectAccessReview reports it (<c>status.allowed</c>,
/// <c>status.reason</c>): <c>RBAC: allowed by RoleBinding "ci-release/shop" of Role "imageroll-release" to
/// ServiceAccount "builder/ci"</c>, or on a denial the RBAC resolution errors (a binding to a missing role), else "".
/// </summary>
public sealed record AuthorizationDecision(bool Allowed, string Reason)
{
    public static AuthorizationDecision Allow(string reason) => new(true, reason);

    public static AuthorizationDecision Deny(string reason = "") => new(false, reason);
}
