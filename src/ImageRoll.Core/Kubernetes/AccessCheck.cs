namespace ImageRoll.Kubernetes;

/// <summary>
/// One request a run will make, as RBAC names it: <c>patch deployments.apps in shop</c>. <see cref="Namespace"/>
/// null means cluster scope. <see cref="Subresource"/>, e.g. <c>instantiate</c>.
/// </summary>
public sealed record AccessCheck(string Verb, ResourceKind Resource, string? Namespace, string? Subresource = null)
{
    /// <summary>kubectl's words: <c>create deploymentconfigs.apps.openshift.io/instantiate in namespace shop</c>.</summary>
    public override string ToString()
    {
        var resource = Resource.QualifiedName + (Subresource is null ? string.Empty : "/" + Subresource);
        return Namespace is null ? $"{Verb} {resource}" : $"{Verb} {resource} in namespace {Namespace}";
    }
}
