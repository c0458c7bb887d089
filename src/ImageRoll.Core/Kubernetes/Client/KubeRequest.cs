using System.Net.Http;

namespace ImageRoll.Kubernetes;

/// <summary>One API call as the error messages describe it: the verb kubectl's RBAC would name, and the target.</summary>
internal sealed record KubeRequest(HttpMethod Method, string Verb, string PathAndQuery, ResourceKind? Kind = null, string? Namespace = null, string? Name = null)
{
    public byte[]? Body { get; init; }

    public string? ContentType { get; init; }

    /// <summary><c>deployments.apps "web"</c> or <c>deployments.apps</c>, as the API server words it.</summary>
    public string Target => Kind is null ? PathAndQuery : Name is null ? Kind.QualifiedName : $"{Kind.QualifiedName} \"{Name}\"";
}
