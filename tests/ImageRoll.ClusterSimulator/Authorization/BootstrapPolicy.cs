using System.Text.Json.Nodes;
using ImageRoll.ClusterSimulator.Store;

namespace ImageRoll.ClusterSimulator.Authorization;

/// <summary>
/// The cluster roles and bindings every cluster starts with that the simulator's RBAC needs (kubernetes
/// plugin/pkg/auth/authorizer/rbac/bootstrappolicy/policy.go; OpenShift's image roles from openshift-apiserver's
/// bootstrap policy): <c>system:basic-user</c> (create SelfSubjectAccessReviews and SelfSubjectRulesReviews) and
/// <c>system:discovery</c> (discovery, /version, OpenAPI) bound to every authenticated user, and the unbound
/// <c>system:image-puller</c> (pull from the integrated registry: get imagestreams/layers) and
/// <c>system:image-pusher</c> (push: get and update imagestreams/layers).
/// </summary>
public static class BootstrapPolicy
{
    public static void Seed(ObjectStore store)
    {
        ClusterRole(store, "system:basic-user", Rule(["create"], ["authorization.k8s.io"], ["selfsubjectaccessreviews", "selfsubjectrulesreviews"]));
        ClusterRole(store, "system:discovery", new JsonObject
        {
            ["verbs"] = new JsonArray("get"),
            ["nonResourceURLs"] = new JsonArray("/api", "/api/*", "/apis", "/apis/*", "/healthz", "/livez", "/openapi", "/openapi/*", "/readyz", "/version", "/version/"),
        });
        ClusterRole(store, "system:image-puller", Rule(["get"], ["", "image.openshift.io"], ["imagestreams/layers"]));
        ClusterRole(store, "system:image-pusher", Rule(["get", "update"], ["", "image.openshift.io"], ["imagestreams/layers"]));
        BindToAuthenticated(store, "system:basic-user");
        BindToAuthenticated(store, "system:discovery");
    }

    private static JsonObject Rule(string[] verbs, string[] groups, string[] resources) => new()
    {
        ["verbs"] = new JsonArray(verbs.Select(v => (JsonNode)v).ToArray()),
        ["apiGroups"] = new JsonArray(groups.Select(g => (JsonNode)g).ToArray()),
        ["resources"] = new JsonArray(resources.Select(r => (JsonNode)r).ToArray()),
    };

    private static void ClusterRole(ObjectStore store, string name, params JsonObject[] rules) =>
        store.Create(ResourceTypes.ClusterRoles, null, new JsonObject
        {
            ["apiVersion"] = "rbac.authorization.k8s.io/v1",
            ["kind"] = "ClusterRole",
            ["metadata"] = Metadata(name),
            ["rules"] = new JsonArray(rules.Select(r => (JsonNode)r).ToArray()),
        });

    private static void BindToAuthenticated(ObjectStore store, string role) =>
        store.Create(ResourceTypes.ClusterRoleBindings, null, new JsonObject
        {
            ["apiVersion"] = "rbac.authorization.k8s.io/v1",
            ["kind"] = "ClusterRoleBinding",
            ["metadata"] = Metadata(role),
            ["roleRef"] = new JsonObject { ["apiGroup"] = "rbac.authorization.k8s.io", ["kind"] = "ClusterRole", ["name"] = role },
            ["subjects"] = new JsonArray(new JsonObject { ["apiGroup"] = "rbac.authorization.k8s.io", ["kind"] = "Group", ["name"] = "system:authenticated" }),
        });

    private static JsonObject Metadata(string name) => new()
    {
        ["name"] = name,
        ["labels"] = new JsonObject { ["kubernetes.io/bootstrapping"] = "rbac-defaults" },
        ["annotations"] = new JsonObject { ["rbac.authorization.kubernetes.io/autoupdate"] = "true" },
    };
}
