using System.Security.Cryptography;
using ImageRoll.ClusterSimulator.Store;

namespace ImageRoll.ClusterSimulator.Http;

/// <summary>
/// Bearer tokens and a tiny authorizer. Over HTTPS every resource request needs a token: the admin token may do
/// anything; the restricted token (a CI service account) may read everything and write only what
/// <see cref="SimulatorOptions.RestrictedUserAllows"/> allows; the expired token is refused with 401.
/// Over plain HTTP kubectl sends no token, so nothing is checked.
/// </summary>
public sealed class Authenticator
{
    private readonly SimulatorOptions options;

    public Authenticator(SimulatorOptions options)
    {
        this.options = options;
    }

    public string AdminToken { get; } = NewToken("admin");

    public string RestrictedToken { get; } = NewToken("restricted");

    public string ExpiredToken { get; } = NewToken("expired");

    public const string AdminUser = "system:admin";

    /// <summary>The user a token belongs to, or null (401).</summary>
    public string? Authenticate(string? authorizationHeader, bool https)
    {
        if (!https)
        {
            return AdminUser;
        }

        if (authorizationHeader is null || !authorizationHeader.StartsWith("Bearer ", StringComparison.OrdinalIgnoreCase))
        {
            return null;
        }

        var token = authorizationHeader["Bearer ".Length..].Trim();
        return token == AdminToken ? AdminUser : token == RestrictedToken ? options.RestrictedUser : null;
    }

    /// <summary>
    /// Whether the user may make the request: the admin anything, every user get/list/watch and a
    /// SelfSubjectAccessReview (the system:basic-user cluster role), the restricted user what its policy allows.
    /// </summary>
    public bool Allows(ApiRequest request) =>
        request.User == AdminUser || request.Verb is "get" or "list" or "watch"
        || (request.Verb == "create" && request.Type == ResourceTypes.SelfSubjectAccessReviews)
        || options.RestrictedUserAllows(request);

    /// <summary>Throws 403 with the RBAC authorizer's words when the user may not do the request.</summary>
    public void Authorize(ApiRequest request)
    {
        if (Allows(request))
        {
            return;
        }

        // k8s.io/apiserver pkg/endpoints/handlers/responsewriters/errors.go forbiddenMessage + errors.NewForbidden.
        var scope = request.Type.Namespaced && request.Namespace is not null ? $"in the namespace \"{request.Namespace}\"" : "at the cluster scope";
        var reason = $"User \"{request.User}\" cannot {request.Verb} resource \"{request.ResourceWithSubresource}\" in API group \"{request.Type.Group}\" {scope}";
        var name = request.Name ?? Meta.Name(request.Body ?? []);
        var subject = name.Length > 0 ? $"{request.Type.GroupResource} \"{name}\"" : request.Type.GroupResource;
        var details = Status.DetailsFor(request.Type, name);
        throw new ApiException(403, "Forbidden", $"{subject} is forbidden: {reason}", details);
    }

    public static ApiException Unauthorized() => new(401, "Unauthorized", "Unauthorized");

    private static string NewToken(string kind) => $"sha256~{kind}-{Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(16))}";
}
