using ImageRoll.IntegrationTests.Infrastructure;
using ImageRoll.IntegrationTests.OpenShift;
using ImageRoll.Kubernetes;

namespace ImageRoll.IntegrationTests.Release;

/// <summary>
/// The simulator answers SelfSubjectAccessReviews as the real API server does, proven with the real
/// <c>kubectl auth can-i</c>, and ImageRoll's <see cref="AccessReviewer"/> gets the same answers.
/// </summary>
public sealed class AccessReviewTests
{
    [Fact]
    public async Task Kubectl_auth_can_i_and_ImageRoll_agree_for_the_admin_and_the_restricted_token()
    {
        await using var sim = await OpenShiftSim.StartAsync("kubelet", "deployment", "replicaset");
        var admin = await sim.KubectlAsync("auth", "can-i", "patch", "deployments", "-n", "default");
        Assert.True(admin.ExitCode == 0, admin.Stderr);
        Assert.Equal("yes", admin.Stdout.Trim());

        var restricted = Path.Combine(Path.GetDirectoryName(sim.Kubeconfig)!, "restricted");
        await File.WriteAllTextAsync(restricted, (await File.ReadAllTextAsync(sim.Kubeconfig, TestContext.Current.CancellationToken))
            .Replace(sim.Cluster.AdminToken, sim.Cluster.RestrictedToken, StringComparison.Ordinal), TestContext.Current.CancellationToken);
        var denied = await KubectlAsAsync(restricted, "auth", "can-i", "patch", "deployments", "-n", "default");
        Assert.Equal((1, "no"), (denied.ExitCode, denied.Stdout.Trim()));
        var allowed = await KubectlAsAsync(restricted, "auth", "can-i", "create", "imagestreamtags.image.openshift.io", "-n", "default");
        Assert.Equal((0, "yes"), (allowed.ExitCode, allowed.Stdout.Trim()));

        using var api = KubeClientFactory.Create(new KubeConnectionOptions(restricted, null, null), _ => null);
        var reviewer = new AccessReviewer(api);
        Assert.True(await reviewer.AvailableAsync(TestContext.Current.CancellationToken));
        Assert.False((await reviewer.ReviewAsync(new AccessCheck("patch", ResourceKind.Deployments, "default"), TestContext.Current.CancellationToken)).Allowed);
        Assert.True((await reviewer.ReviewAsync(new AccessCheck("update", ResourceKind.ImageStreamTags, "default"), TestContext.Current.CancellationToken)).Allowed);
        Assert.True((await reviewer.ReviewAsync(new AccessCheck("watch", ResourceKind.Pods, "default"), TestContext.Current.CancellationToken)).Allowed);
        var posts = sim.Cluster.Requests.ResourceRequests.Where(r => r.Path == "/apis/authorization.k8s.io/v1/selfsubjectaccessreviews").ToList();
        Assert.Equal(6, posts.Count);
        Assert.All(posts, p => Assert.Equal(201, p.StatusCode));
    }

    private static Task<ToolResult> KubectlAsAsync(string kubeconfig, params string[] args)
    {
        var home = Path.GetDirectoryName(kubeconfig)!;
        return ExternalTool.RunAsync("kubectl", [.. args, "--kubeconfig", kubeconfig, "--cache-dir", Path.Combine(home, "kubectl-cache-restricted")],
            environment: new Dictionary<string, string> { ["HOME"] = home }, cancellationToken: TestContext.Current.CancellationToken);
    }
}
