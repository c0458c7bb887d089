using System.Text.Json.Nodes;
using ImageRoll.ClusterSimulator;
using ImageRoll.ClusterSimulator.Store;
using ImageRoll.IntegrationTests.Registry;

namespace ImageRoll.IntegrationTests.Faults;

/// <summary>
/// A simulated cluster (HTTPS with its CA and token, as a real one; or plain HTTP, so the proxy can pick requests)
/// behind a <see cref="FaultProxy"/>, with a kubeconfig that points at the proxy, and imageroll run in-process
/// against it. The simulator's own store is the judge of what changed.
/// </summary>
public sealed class ClusterFaultEnv : IAsyncDisposable
{
    private readonly string _dir;

    private ClusterFaultEnv(SimulatedCluster cluster, FaultProxy proxy, string dir)
    {
        Cluster = cluster;
        Proxy = proxy;
        _dir = dir;
        Kubeconfig = Path.Combine(dir, "kubeconfig");
        File.WriteAllText(Kubeconfig, cluster.KubeconfigYaml().Replace(cluster.BaseUrl, $"{(cluster.Options.Https ? "https" : "http")}://{proxy.Address}", StringComparison.Ordinal));
    }

    public SimulatedCluster Cluster { get; }

    public FaultProxy Proxy { get; }

    /// <summary>A kubeconfig whose server is the proxy.</summary>
    public string Kubeconfig { get; }

    public ObjectStore Store => Cluster.Store;

    public static async Task<ClusterFaultEnv> StartAsync(bool https)
    {
        var cluster = await SimulatedCluster.StartAsync(new SimulatorOptions { Https = https }, TestContext.Current.CancellationToken);
        var proxy = FaultProxy.Start(new Uri(cluster.BaseUrl).Authority, http: !https);
        return new ClusterFaultEnv(cluster, proxy, Directory.CreateTempSubdirectory("imageroll-faults-").FullName);
    }

    /// <summary>imageroll ARGS --kubeconfig (the proxy's), in-process, with HOME in a scratch folder.</summary>
    public Task<CliResult> ImageRollAsync(params string[] args) =>
        ImageRollCli.RunAsync(new Dictionary<string, string?> { ["HOME"] = _dir }, [.. args, "--kubeconfig", Kubeconfig]);

    public JsonObject Create(ResourceType type, JsonObject obj, string ns = "default") => Store.Create(type, ns, obj);

    public JsonObject Get(ResourceType type, string name, string ns = "default") => Store.GetRequired(type, ns, name);

    public async ValueTask DisposeAsync()
    {
        await Proxy.DisposeAsync();
        await Cluster.DisposeAsync();
        try
        {
            Directory.Delete(_dir, recursive: true);
        }
        catch (IOException)
        {
        }
    }
}
