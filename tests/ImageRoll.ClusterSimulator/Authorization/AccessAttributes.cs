using ImageRoll.ClusterSimulator.Http;

namespace ImageRoll.ClusterSimulator.Authorization;

/// <summary>
/// What a request asks to do, as the authorizer reads it (k8s.io/apiserver pkg/authorization/authorizer.Attributes):
/// a resource request (verb, API group, resource, subresource, namespace, name) or a non-resource one (verb, path).
/// </summary>
public sealed record AccessAttributes(string Verb, string Group, string Resource, string? Subresource, string? Namespace, string? Name)
{
    /// <summary>Set for a non-resource request (<c>/version</c>, <c>/apis</c>); the resource fields are then empty.</summary>
    public string? Path { get; init; }

    public bool IsResourceRequest => Path is null;

    /// <summary><c>deployments</c> or <c>deployments/status</c>, as RBAC rules and Forbidden messages name it.</summary>
    public string ResourceWithSubresource => string.IsNullOrEmpty(Subresource) ? Resource : $"{Resource}/{Subresource}";

    public static AccessAttributes From(ApiRequest request) =>
        new(request.Verb, request.Type.Group, request.Type.Plural, request.Subresource,
            request.Type.Namespaced ? request.Namespace : null, request.Name);

    public static AccessAttributes NonResource(string verb, string path) => new(verb, "", "", null, null, null) { Path = path };
}
