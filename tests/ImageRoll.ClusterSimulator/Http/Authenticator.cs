using System.Collections.Concurrent;
using System.Security.Cryptography;
using ImageRoll.ClusterSimulator.Authorization;
using ImageRoll.ClusterSimulator.Store;

namespace ImageRoll.ClusterSimulator.Http;

/// <summary>
/// Bearer tokens and the authorizer. Over HTTPS every resource request needs a token: the admin token may do
/// anything; the restricted token (a CI service account) may read everything and write only what
/// <see cref="SimulatorOptions.RestrictedUserAllows"/> allows; the expired token is refused with 401; a token
/// issued for a service account (<see cref="IssueToken"/>, the TokenRequest API) is authorized by RBAC over the
/// store's Roles and bindings (<see cref="RbacAuthorizer"/>, docs/simulator.md "RBAC").
/// A client certificate signed by the cluster CA authenticates too (CN = user; the group system:masters is the admin),
/// before any token, as kube-apiserver's union authenticator tries x509 first.
/// Over plain HTTP kubectl sends no token, so nothing is checked.
/// </summary>
public sealed class Authenticator
{
    private readonly SimulatorOptions _options;
    private readonly RbacAuthorizer? _rbac;
    private readonly ConcurrentDictionary<string, string> _issued = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, bool> _rbacUsers = new(StringComparer.Ordinal);

    public Authenticator(SimulatorOptions options, ObjectStore? store = null)
    {
        _options = options;
        _rbac = store is null ? null : new RbacAuthorizer(store);
    }

    public string AdminToken { get; } = NewToken("admin");

    public string RestrictedToken { get; } = NewToken("restricted");

    public string ExpiredToken { get; } = NewToken("expired");

    public const string AdminUser = "system:admin";

    /// <summary>The CA whose client certificates are accepted (null: none are).</summary>
    public Hosting.CertificateAuthority? ClientCa { get; set; }

    /// <summary>The user a client certificate or token belongs to, or null (401).</summary>
    public string? Authenticate(string? authorizationHeader, bool https, System.Security.Cryptography.X509Certificates.X509Certificate2? clientCertificate = null)
    {
        if (!https)
        {
            return AdminUser;
        }

        // kube-apiserver pkg/kubeapiserver/authenticator/config.go New: the x509 authenticator comes first in the
        // union; a certificate it cannot verify is an error the union skips, trying the token next. The privileged
        // group system:masters may do anything (k8s.io/apiserver pkg/authorization/authorizerfactory privileged group).
        if (ClientCa?.Verify(clientCertificate) is { } certificateUser)
        {
            return certificateUser.Groups.Contains("system:masters") ? AdminUser : certificateUser.User;
        }

        if (authorizationHeader is null || !authorizationHeader.StartsWith("Bearer ", StringComparison.OrdinalIgnoreCase))
        {
            return null;
        }

        return UserOf(authorizationHeader["Bearer ".Length..].Trim());
    }

    /// <summary>The user of a bearer token (null: not one of this cluster's).</summary>
    public string? UserOf(string token) =>
        token == AdminToken ? AdminUser
        : token == RestrictedToken ? _options.RestrictedUser
        : _issued.TryGetValue(token, out var user) ? user
        : null;

    /// <summary>
    /// A new bearer token for <paramref name="user"/> (<c>system:serviceaccount:NS:NAME</c> for a service account),
    /// authorized by RBAC from now on (the restricted token too, when it is the same user).
    /// </summary>
    public string IssueToken(string user)
    {
        var token = NewToken("sa");
        _issued[token] = user;
        _rbacUsers[user] = true;
        return token;
    }

    /// <summary>Whether the user may make the request (see <see cref="Decide"/>).</summary>
    public bool Allows(ApiRequest request) => Decide(request.User, AccessAttributes.From(request)).Allowed;

    /// <summary>
    /// The admin anything; a user with an issued token what RBAC allows; the legacy restricted user get/list/watch on
    /// everything, SelfSubjectAccessReviews (the system:basic-user cluster role) and what its policy allows.
    /// </summary>
    public AuthorizationDecision Decide(string user, AccessAttributes request)
    {
        if (user == AdminUser)
        {
            return AuthorizationDecision.Allow($"simulator: allowed for user \"{user}\"");
        }

        if (_rbac is not null && _rbacUsers.ContainsKey(user))
        {
            return _rbac.Authorize(UserInfo.For(user), request);
        }

        var legacy = request.Verb is "get" or "list" or "watch"
            || (request.Verb == "create" && request.Resource == ResourceTypes.SelfSubjectAccessReviews.Plural)
            || (request.IsResourceRequest && ResourceTypes.All.FirstOrDefault(t => t.Group == request.Group && t.Plural == request.Resource) is { } type
                && _options.RestrictedUserAllows(new ApiRequest(request.Verb, type, request.Namespace, request.Name, request.Subresource) { User = user }));
        return legacy ? AuthorizationDecision.Allow($"simulator: allowed for user \"{user}\"") : AuthorizationDecision.Deny();
    }

    /// <summary>Throws 403 with the RBAC authorizer's words when the user may not do the request.</summary>
    public void Authorize(ApiRequest request)
    {
        var decision = Decide(request.User, AccessAttributes.From(request));
        if (decision.Allowed)
        {
            return;
        }

        // k8s.io/apiserver pkg/endpoints/handlers/responsewriters/errors.go forbiddenMessage + errors.NewForbidden;
        // a non-empty authorizer reason follows the message after ": ".
        var scope = request.Type.Namespaced && request.Namespace is not null ? $"in the namespace \"{request.Namespace}\"" : "at the cluster scope";
        var reason = $"User \"{request.User}\" cannot {request.Verb} resource \"{request.ResourceWithSubresource}\" in API group \"{request.Type.Group}\" {scope}";
        if (decision.Reason.Length > 0)
        {
            reason += ": " + decision.Reason;
        }

        // The name is the URL's (RequestInfo): a create has none, so "deployments.apps is forbidden: ...".
        var name = request.Name ?? "";
        var subject = name.Length > 0 ? $"{request.Type.GroupResource} \"{name}\"" : request.Type.GroupResource;
        var details = Status.DetailsFor(request.Type, name);
        throw new ApiException(403, "Forbidden", $"{subject} is forbidden: {reason}", details);
    }

    public static ApiException Unauthorized() => new(401, "Unauthorized", "Unauthorized");

    private static string NewToken(string kind) => $"sha256~{kind}-{Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(16))}";
}
