using System.Text.Json.Nodes;
using ImageRoll.ClusterSimulator.Store;

namespace ImageRoll.ClusterSimulator.Authorization;

/// <summary>
/// The RBAC authorizer over the store's Roles, ClusterRoles, RoleBindings and ClusterRoleBindings (kubernetes
/// plugin/pkg/auth/authorizer/rbac/rbac.go <c>Authorize</c> with pkg/registry/rbac/validation/rule.go
/// <c>VisitRulesFor</c>): every ClusterRoleBinding first, then the RoleBindings of the request's namespace; a binding
/// applies when one of its subjects is the user (<c>User</c>), one of its groups (<c>Group</c>) or its service account
/// (<c>ServiceAccount</c>, the namespace defaulting to the RoleBinding's; never matching in a ClusterRoleBinding
/// without one). The first rule that allows wins with the reason <c>RBAC: allowed by ...</c>; a denial carries the
/// errors met on the way (a binding whose role does not exist) as <c>RBAC: ...</c>, else no reason.
/// </summary>
public sealed class RbacAuthorizer(ObjectStore store)
{
    public AuthorizationDecision Authorize(UserInfo user, AccessAttributes request)
    {
        var errors = new List<string>();
        foreach (var binding in store.List(ResourceTypes.ClusterRoleBindings, null).Items)
        {
            if (Visit(binding, null, user, request, errors) is { } allowed)
            {
                return allowed;
            }
        }

        if (!string.IsNullOrEmpty(request.Namespace))
        {
            foreach (var binding in store.List(ResourceTypes.RoleBindings, request.Namespace).Items)
            {
                if (Visit(binding, request.Namespace, user, request, errors) is { } allowed)
                {
                    return allowed;
                }
            }
        }

        // utilerrors.NewAggregate prints one error as itself and several as "[a, b]".
        return AuthorizationDecision.Deny(errors.Count switch
        {
            0 => "",
            1 => "RBAC: " + errors[0],
            _ => $"RBAC: [{string.Join(", ", errors)}]",
        });
    }

    private AuthorizationDecision? Visit(JsonObject binding, string? bindingNamespace, UserInfo user, AccessAttributes request, List<string> errors)
    {
        var subject = (binding["subjects"] as JsonArray)?.OfType<JsonObject>().FirstOrDefault(s => AppliesTo(s, user, bindingNamespace));
        if (subject is null)
        {
            return null;
        }

        var kind = Meta.Str(binding["roleRef"]?["kind"]) ?? "";
        var roleName = Meta.Str(binding["roleRef"]?["name"]) ?? "";
        var role = kind switch
        {
            "ClusterRole" => store.Get(ResourceTypes.ClusterRoles, null, roleName),
            "Role" when bindingNamespace is not null => store.Get(ResourceTypes.Roles, bindingNamespace, roleName),
            _ => null,
        };
        if (role is null)
        {
            // client-go listers: errors.NewNotFound(v1.Resource("role"), name).
            errors.Add($"{kind.ToLowerInvariant()}.rbac.authorization.k8s.io \"{roleName}\" not found");
            return null;
        }

        if (!PolicyRules.Of(role).Any(rule => PolicyRules.Allows(rule, request)))
        {
            return null;
        }

        var source = bindingNamespace is null
            ? $"ClusterRoleBinding \"{Meta.Name(binding)}\""
            : $"RoleBinding \"{Meta.Name(binding)}/{bindingNamespace}\"";
        return AuthorizationDecision.Allow($"RBAC: allowed by {source} of {kind} \"{roleName}\" to {Describe(subject, bindingNamespace)}");
    }

    /// <summary>rule.go <c>appliesToUser</c>.</summary>
    private static bool AppliesTo(JsonObject subject, UserInfo user, string? bindingNamespace)
    {
        var name = Meta.Str(subject["name"]) ?? "";
        switch (Meta.Str(subject["kind"]))
        {
            case "User":
                return name == user.Name;
            case "Group":
                return user.Groups.Contains(name, StringComparer.Ordinal);
            case "ServiceAccount":
                var ns = Meta.Str(subject["namespace"]) is { Length: > 0 } n ? n : bindingNamespace;
                return ns is not null && UserInfo.ServiceAccountUser(ns, name) == user.Name;
            default:
                return false;
        }
    }

    /// <summary>rule.go <c>describeSubject</c>.</summary>
    private static string Describe(JsonObject subject, string? bindingNamespace)
    {
        var kind = Meta.Str(subject["kind"]);
        var name = Meta.Str(subject["name"]);
        if (kind != "ServiceAccount")
        {
            return $"{kind} \"{name}\"";
        }

        var ns = Meta.Str(subject["namespace"]) is { Length: > 0 } n ? n : bindingNamespace ?? "";
        return $"{kind} \"{name}/{ns}\"";
    }
}
