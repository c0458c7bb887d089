using System.Text.Json.Nodes;
using ImageRoll.ClusterSimulator.Store;
using ImageRoll.IntegrationTests.OpenShift;
using ImageRoll.Kubernetes;

namespace ImageRoll.IntegrationTests.OpenShiftNative;

/// <summary>
/// The simulator enforces RBAC for service-account tokens as kube-apiserver does, proven with the real kubectl: the
/// shipped samples/rbac/release.yaml applied, a token from <c>kubectl create token</c>, <c>kubectl auth can-i</c>
/// answers per verb, resource and namespace, and a refused request is a 403 Forbidden Status in the real wording.
/// </summary>
public sealed class RbacTests
{
    [Fact]
    public async Task A_token_bound_to_the_shipped_role_may_do_what_the_role_grants_in_its_namespace_and_nothing_else()
    {
        await using var c = await NativeCluster.StartAsync(new() { DisabledControllers = ["kubelet", "deployment", "replicaset"] });
        c.Namespace("shop");
        c.Namespace("other");
        await c.ApplySampleAsync("release.yaml", "shop");
        c.Create(ResourceTypes.Deployments, "shop", Workloads.Deployment());
        c.Create(ResourceTypes.Deployments, "other", Workloads.Deployment());
        var sa = await c.ServiceAccountKubeconfigAsync("imageroll", "shop");

        async Task<string> CanI(params string[] args) => (await c.KubectlAsync(sa, ["auth", "can-i", .. args])).Stdout.Trim();
        Assert.Equal("yes", await CanI("patch", "deployments", "-n", "shop"));
        Assert.Equal("yes", await CanI("create", "deploymentconfigs.apps.openshift.io", "--subresource=instantiate", "-n", "shop"));
        Assert.Equal("yes", await CanI("update", "imagestreams.image.openshift.io", "--subresource=layers", "-n", "shop"));
        Assert.Equal("no", await CanI("delete", "deployments", "-n", "shop"));
        Assert.Equal("no", await CanI("patch", "deployments", "-n", "other"));
        Assert.Equal("no", await CanI("update", "deployments", "--subresource=status", "-n", "shop"));

        // kubectl reads the object before it patches or deletes it: in "other" the read is refused, in "shop" the delete.
        var elsewhere = await c.KubectlAsync(sa, "patch", "deployment", "example", "-n", "other", "--type=merge", "-p", """{"spec":{"replicas":2}}""");
        Assert.True(elsewhere.Stderr.Contains(
            "Error from server (Forbidden): deployments.apps \"example\" is forbidden: User \"system:serviceaccount:shop:imageroll\" cannot get resource \"deployments\" in API group \"apps\" in the namespace \"other\"",
            StringComparison.Ordinal), elsewhere.Stderr);
        var delete = await c.KubectlAsync(sa, "delete", "deployment", "example", "-n", "shop");
        Assert.True(delete.Stderr.Contains(
            "Error from server (Forbidden): deployments.apps \"example\" is forbidden: User \"system:serviceaccount:shop:imageroll\" cannot delete resource \"deployments\" in API group \"apps\" in the namespace \"shop\"",
            StringComparison.Ordinal), delete.Stderr);
        Assert.NotNull(c.Store.Get(ResourceTypes.Deployments, "shop", "example"));
        var list = await c.KubectlAsync(sa, "get", "secrets", "-n", "shop");
        Assert.Contains("Error from server (Forbidden): secrets is forbidden: User \"system:serviceaccount:shop:imageroll\" cannot list resource \"secrets\" in API group \"\" in the namespace \"shop\"",
            list.Stderr, StringComparison.Ordinal);
        (await c.KubectlAsync(sa, "patch", "deployment", "example", "-n", "shop", "--type=merge", "-p", """{"spec":{"replicas":2}}""")).EnsureSuccess("patch allowed by the role");
        Assert.Equal(2, (int)c.Get(ResourceTypes.Deployments, "shop", "example")["spec"]!["replicas"]!);

        // What ImageRoll's plan asks: the review's reason names the binding that allowed it, as RBAC does.
        using var api = KubeClientFactory.Create(new KubeConnectionOptions(sa, null, null), _ => null);
        var allowed = await new AccessReviewer(api).ReviewAsync(new AccessCheck("patch", ResourceKind.Deployments, "shop"), TestContext.Current.CancellationToken);
        Assert.Equal((true, "RBAC: allowed by RoleBinding \"imageroll-release/shop\" of Role \"imageroll-release\" to ServiceAccount \"imageroll/shop\""), (allowed.Allowed, allowed.Reason));
        var denied = await new AccessReviewer(api).ReviewAsync(new AccessCheck("delete", ResourceKind.Deployments, "shop"), TestContext.Current.CancellationToken);
        Assert.False(denied.Allowed);
    }

    [Fact]
    public async Task A_binding_to_a_missing_role_is_named_in_the_forbidden_message_and_a_cluster_role_binding_applies_everywhere()
    {
        await using var c = await NativeCluster.StartAsync(new() { DisabledControllers = ["kubelet", "deployment", "replicaset"] });
        c.Namespace("shop");
        c.Create(ResourceTypes.ServiceAccounts, "shop", JsonNode.Parse("""{"apiVersion":"v1","kind":"ServiceAccount","metadata":{"name":"ci"}}""")!.AsObject());
        c.Create(ResourceTypes.RoleBindings, "shop", JsonNode.Parse("""
            {"apiVersion":"rbac.authorization.k8s.io/v1","kind":"RoleBinding","metadata":{"name":"ci-missing"},
             "roleRef":{"apiGroup":"rbac.authorization.k8s.io","kind":"Role","name":"missing"},
             "subjects":[{"kind":"ServiceAccount","name":"ci"}]}
            """)!.AsObject());
        var sa = await c.ServiceAccountKubeconfigAsync("ci", "shop");
        var refused = await c.KubectlAsync(sa, "get", "pods", "-n", "shop");
        Assert.Contains("pods is forbidden: User \"system:serviceaccount:shop:ci\" cannot list resource \"pods\" in API group \"\" in the namespace \"shop\": RBAC: role.rbac.authorization.k8s.io \"missing\" not found",
            refused.Stderr, StringComparison.Ordinal);

        // The bootstrap cluster role system:image-puller, bound cluster-wide to the namespace's service-account group.
        c.Create(ResourceTypes.ClusterRoleBindings, null, JsonNode.Parse("""
            {"apiVersion":"rbac.authorization.k8s.io/v1","kind":"ClusterRoleBinding","metadata":{"name":"shop-pullers"},
             "roleRef":{"apiGroup":"rbac.authorization.k8s.io","kind":"ClusterRole","name":"system:image-puller"},
             "subjects":[{"kind":"Group","name":"system:serviceaccounts:shop"}]}
            """)!.AsObject());
        Assert.Equal("yes", (await c.KubectlAsync(sa, "auth", "can-i", "get", "imagestreams.image.openshift.io", "--subresource=layers", "-n", "default")).Stdout.Trim());
        Assert.Equal("no", (await c.KubectlAsync(sa, "auth", "can-i", "update", "imagestreams.image.openshift.io", "--subresource=layers", "-n", "default")).Stdout.Trim());
    }
}
