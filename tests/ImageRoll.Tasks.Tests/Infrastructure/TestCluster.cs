using ImageRoll.ClusterSimulator;
using ImageRoll.IntegrationTests.Infrastructure;
using ImageRoll.IntegrationTests.SimulatorControllers;

namespace ImageRoll.Tasks.Tests.Infrastructure;

/// <summary>
/// A simulated cluster with the fast timings of <see cref="SimulatorSession"/> and, unlike it, a choice of controllers
/// to leave out (patch mode is proven with the image-trigger controller off: only ImageRoll can have changed the
/// workload). Its kubeconfig (HTTPS, the cluster's CA, a bearer token) is a file, as a user's would be.
/// </summary>
public sealed class TestCluster : IAsyncDisposable
{
    private readonly string _dir;

    private TestCluster(SimulatedCluster cluster, string dir)
    {
        Cluster = cluster;
        _dir = dir;
        Kubeconfig = Path.Combine(dir, "kubeconfig");
        cluster.WriteKubeconfig(Kubeconfig);
    }

    public SimulatedCluster Cluster { get; }

    public string Kubeconfig { get; }

    public static Task<TestCluster> StartAsync(params string[] disabledControllers) =>
        StartAsync(new SimulatorOptions { Timings = SimulatorSession.FastTimings, DisabledControllers = disabledControllers });

    /// <summary>
    /// All controllers and the cluster's integrated registry in front of the test registry (docs/simulator.md): only the
    /// cluster's tokens may push, a push maps into the image stream, the nodes pull the internal name through it.
    /// </summary>
    public static Task<TestCluster> StartWithIntegratedRegistryAsync() =>
        StartAsync(new SimulatorOptions { Timings = SimulatorSession.FastTimings, IntegratedRegistryBackend = TestServices.Registry });

    private static async Task<TestCluster> StartAsync(SimulatorOptions options)
    {
        var cluster = await SimulatedCluster.StartAsync(options, TestContext.Current.CancellationToken);
        return new TestCluster(cluster, Directory.CreateTempSubdirectory("imageroll-tasks-cluster-").FullName);
    }

    /// <summary>The bearer token of the cluster's kubeconfig (what must never reach a log).</summary>
    public string Token => File.ReadAllLines(Kubeconfig).Select(l => l.Trim()).First(l => l.StartsWith("token:", StringComparison.Ordinal))["token:".Length..].Trim();

    /// <summary>The real kubectl, with a cache directory of its own.</summary>
    public Task<ToolResult> KubectlAsync(string? stdin, params string[] args) =>
        ExternalTool.RunAsync("kubectl", [.. args, "--kubeconfig", Kubeconfig, "--cache-dir", Path.Combine(_dir, "kubectl-cache")],
            environment: new Dictionary<string, string> { ["HOME"] = _dir }, stdin: stdin, cancellationToken: TestContext.Current.CancellationToken);

    public async Task ApplyAsync(string yaml) => (await KubectlAsync(yaml, "apply", "-f", "-")).EnsureSuccess("kubectl apply");

    public async Task<string> JsonPathAsync(string resource, string jsonPath) =>
        (await KubectlAsync(null, "get", resource, "-o", $"jsonpath={jsonPath}")).EnsureSuccess($"kubectl get {resource}").Stdout;

    public async ValueTask DisposeAsync()
    {
        await Cluster.DisposeAsync();
        TasksPackage.TryDelete(_dir);
    }
}
