using ImageRoll.ClusterSimulator;
using ImageRoll.ClusterSimulator.Store;

namespace ImageRoll.IntegrationTests.Simulator;

/// <summary>Plain-HTTP mode: kubectl sends no credentials over http, and the simulator asks for none.</summary>
public sealed class KubectlPlainHttpTests
{
    [Fact]
    public async Task Plain_http_serves_kubectl_without_credentials()
    {
        Kubectl.RequireInstalled();
        var ct = TestContext.Current.CancellationToken;
        await using var cluster = await SimulatedCluster.StartAsync(new SimulatorOptions { Https = false }, ct);
        var dir = Path.Combine(Path.GetTempPath(), "imageroll-http-" + Guid.NewGuid().ToString("N")[..8]);
        Directory.CreateDirectory(dir);
        try
        {
            var kubeconfig = Path.Combine(dir, "kubeconfig");
            cluster.WriteKubeconfig(kubeconfig);
            var kubectl = new Kubectl(kubeconfig, dir);

            var created = (await kubectl.RunAsync("create", "configmap", "settings", "--from-literal=mode=plain")).EnsureSuccess("create cm");
            var read = (await kubectl.RunAsync("get", "configmap", "settings", "-o", "jsonpath={.data.mode}")).EnsureSuccess("get cm");

            Assert.StartsWith("http://127.0.0.1:", cluster.BaseUrl, StringComparison.Ordinal);
            Assert.DoesNotContain("token:", await File.ReadAllTextAsync(kubeconfig, ct), StringComparison.Ordinal);
            Assert.Equal("configmap/settings created", created.Stdout.Trim());
            Assert.Equal("plain", read.Stdout);
            Assert.All(cluster.Requests.All, r => Assert.False(r.Headers.ContainsKey("Authorization")));
            Assert.NotNull(cluster.Store.Get(ResourceTypes.ConfigMaps, "default", "settings"));
        }
        finally
        {
            Directory.Delete(dir, recursive: true);
        }
    }
}
