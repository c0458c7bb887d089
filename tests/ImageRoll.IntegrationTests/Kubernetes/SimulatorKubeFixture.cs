using ImageRoll.ClusterSimulator;
using ImageRoll.ClusterSimulator.Controllers;
using ImageRoll.IntegrationTests.Infrastructure;
using ImageRoll.Kubernetes;

namespace ImageRoll.IntegrationTests.Kubernetes;

/// <summary>
/// One simulated cluster (HTTPS, no controllers, so nothing changes objects between two reads) with kubeconfigs for
/// its admin, restricted and expired tokens, and the real kubectl run with its own cache dir and HOME.
/// </summary>
public sealed class SimulatorKubeFixture : IAsyncLifetime
{
    public SimulatedCluster Cluster { get; private set; } = null!;

    public string Dir { get; } = Path.Combine(Path.GetTempPath(), "imageroll-kube-it-" + Guid.NewGuid().ToString("N")[..12]);

    public string AdminKubeconfig => Path.Combine(Dir, "admin.kubeconfig");

    public string RestrictedKubeconfig => Path.Combine(Dir, "restricted.kubeconfig");

    public string ExpiredKubeconfig => Path.Combine(Dir, "expired.kubeconfig");

    public async ValueTask InitializeAsync()
    {
        Directory.CreateDirectory(Dir);
        Cluster = await SimulatedCluster.StartAsync(new SimulatorOptions { Port = 0, Https = true, DisabledControllers = ControllerCatalog.Names, Namespaces = ["default", "samples-csa", "samples-ssa"] }, TestContext.Current.CancellationToken);
        Cluster.WriteKubeconfig(AdminKubeconfig);
        Cluster.WriteKubeconfig(RestrictedKubeconfig, Cluster.RestrictedToken);
        Cluster.WriteKubeconfig(ExpiredKubeconfig, Cluster.ExpiredToken);
    }

    public async ValueTask DisposeAsync()
    {
        await Cluster.DisposeAsync();
        try
        {
            Directory.Delete(Dir, recursive: true);
        }
        catch (IOException)
        {
        }
    }

    public KubeApiClient Client(string? kubeconfig = null) =>
        KubeClientFactory.Create(new KubeConnectionOptions(kubeconfig ?? AdminKubeconfig), _ => null);

    /// <summary>Runs /usr/bin/kubectl against the simulator with a fresh discovery cache (kubectl caches
    /// discovery per server URL under its cache dir; docs/simulator.md, "What kubectl asks of it").</summary>
    public Task<ToolResult> Kubectl(IEnumerable<string> args, string? kubeconfig = null, string? stdin = null)
    {
        var run = Path.Combine(Dir, "kubectl-" + Guid.NewGuid().ToString("N")[..8]);
        Directory.CreateDirectory(run);
        var all = new List<string> { "--kubeconfig", kubeconfig ?? AdminKubeconfig, "--cache-dir", Path.Combine(run, "cache") };
        all.AddRange(args);
        return ExternalTool.RunAsync("/usr/bin/kubectl", all, new Dictionary<string, string> { ["HOME"] = run }, stdin,
            timeout: TimeSpan.FromSeconds(60), cancellationToken: TestContext.Current.CancellationToken);
    }

    public Task<ToolResult> Kubectl(params string[] args) => Kubectl((IEnumerable<string>)args);
}
