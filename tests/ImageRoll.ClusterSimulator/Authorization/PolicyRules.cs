using System.Text.Json.Nodes;
using ImageRoll.ClusterSimulator.Store;

namespace ImageRoll.ClusterSimulator.Authorization;

/// <summary>
/// Whether one RBAC PolicyRule allows a request: kubernetes plugin/pkg/auth/authorizer/rbac/rbac.go <c>RuleAllows</c>
/// with pkg/apis/rbac/v1/evaluation_helpers.go (<c>VerbMatches</c>, <c>APIGroupMatches</c>, <c>ResourceMatches</c>,
/// <c>ResourceNameMatches</c>, <c>NonResourceURLMatches</c>). A rule for <c>deployments</c> does not cover
/// <c>deployments/status</c>; <c>*/scale</c> covers every resource's scale; an empty resourceNames list covers every
/// name, a non-empty one never covers a request without a name (create, list).
/// </summary>
public static class PolicyRules
{
    public static bool Allows(JsonObject rule, AccessAttributes request)
    {
        if (!Has(rule, "verbs", v => v == "*" || v == request.Verb))
        {
            return false;
        }

        if (!request.IsResourceRequest)
        {
            return Has(rule, "nonResourceURLs", u => u == "*" || u == request.Path
                || (u.EndsWith('*') && request.Path!.StartsWith(u[..^1], StringComparison.Ordinal)));
        }

        var combined = request.ResourceWithSubresource;
        var sub = request.Subresource ?? "";
        return Has(rule, "apiGroups", g => g == "*" || g == request.Group)
               && Has(rule, "resources", r => r == "*" || r == combined || (sub.Length > 0 && r == "*/" + sub))
               && (Values(rule, "resourceNames").Count == 0 || Values(rule, "resourceNames").Contains(request.Name ?? "\0", StringComparer.Ordinal));
    }

    public static IReadOnlyList<JsonObject> Of(JsonObject role) => (role["rules"] as JsonArray)?.OfType<JsonObject>().ToList() ?? [];

    private static bool Has(JsonObject rule, string field, Func<string, bool> match) => Values(rule, field).Any(match);

    private static List<string> Values(JsonObject rule, string field) =>
        (rule[field] as JsonArray)?.Select(Meta.Str).OfType<string>().ToList() ?? [];
}
