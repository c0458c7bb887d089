using ImageRoll.ClusterSimulator;
using ImageRoll.IntegrationTests.Infrastructure;

namespace ImageRoll.IntegrationTests.Simulator;

/// <summary>kubectl rollout status: GET, list by metadata.name, then a bookmark-enabled watch from the list's version.</summary>
public sealed class KubectlRolloutStatusTests
{
    [Fact]
    public async Task Rollout_status_follows_the_watch_until_the_status_reports_completion()
    {
        Kubectl.RequireInstalled();
        var ct = TestContext.Current.CancellationToken;
        await using var cluster = await SimulatedCluster.StartAsync(new SimulatorOptions
        {
            DisabledControllers = SimulatorFixture.WorkloadAndImageControllers,
            AdditionalControllers = [new FakeDeploymentStatusController()],
        }, ct);
        var dir = Path.Combine(Path.GetTempPath(), "imageroll-rollout-" + Guid.NewGuid().ToString("N")[..8]);
        Directory.CreateDirectory(dir);
        try
        {
            var kubeconfig = Path.Combine(dir, "kubeconfig");
            cluster.WriteKubeconfig(kubeconfig);
            var kubectl = new Kubectl(kubeconfig, dir);
            (await kubectl.RunAsync("apply", "-f", Path.Combine(TestServices.RepoRoot, "samples", "manifests", "deployment.yaml"))).EnsureSuccess("apply");

            var result = (await kubectl.RunAsync("rollout", "status", "deployment/example", "--timeout=30s")).EnsureSuccess("rollout status");

            Assert.EndsWith("deployment \"example\" successfully rolled out", result.Stdout.Trim(), StringComparison.Ordinal);
            var watch = Assert.Single(cluster.Requests.All, r => r.PathAndQuery.Contains("watch=true", StringComparison.Ordinal));
            Assert.Contains("allowWatchBookmarks=true", watch.PathAndQuery, StringComparison.Ordinal);
            Assert.Contains("fieldSelector=metadata.name%3Dexample", watch.PathAndQuery, StringComparison.Ordinal);
        }
        finally
        {
            Directory.Delete(dir, recursive: true);
        }
    }
}
