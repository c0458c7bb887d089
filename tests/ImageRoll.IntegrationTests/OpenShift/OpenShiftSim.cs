using System.Text.Json.Nodes;
using ImageRoll.Cli;
using ImageRoll.Cli.Console;
using ImageRoll.ClusterSimulator;
using ImageRoll.ClusterSimulator.Store;
using ImageRoll.IntegrationTests.Infrastructure;

namespace ImageRoll.IntegrationTests.OpenShift;

/// <summary>
/// One simulated OpenShift cluster per test (its own faults and request log), its kubeconfig on disk, and helpers to
/// run the imageroll CLI in-process and kubectl against it.
/// </summary>
public sealed class OpenShiftSim : IAsyncDisposable
{
    private readonly string _dir;

    private OpenShiftSim(SimulatedCluster cluster, string dir)
    {
        Cluster = cluster;
        _dir = dir;
        Kubeconfig = Path.Combine(dir, "kubeconfig");
        cluster.WriteKubeconfig(Kubeconfig);
    }

    public SimulatedCluster Cluster { get; }

    public string Kubeconfig { get; }

    public ObjectStore Store => Cluster.Store;

    public static async Task<OpenShiftSim> StartAsync(params string[] disabledControllers)
    {
        var dir = Directory.CreateTempSubdirectory("imageroll-os-").FullName;
        var cluster = await SimulatedCluster.StartAsync(new SimulatorOptions { DisabledControllers = disabledControllers }, TestContext.Current.CancellationToken);
        return new OpenShiftSim(cluster, dir);
    }

    /// <summary>Runs <c>imageroll ARGS --kubeconfig K</c> in-process.</summary>
    public async Task<(int ExitCode, string Stdout, string Stderr)> ImageRollAsync(params string[] args)
    {
        using var stdout = new StringWriter();
        using var stderr = new StringWriter();
        var env = new Dictionary<string, string?> { ["HOME"] = _dir };
        var io = new CliIO(stdout, stderr, name => env.TryGetValue(name, out var v) ? v : null, ErrorIsTerminal: false);
        var code = await CliApp.RunAsync([.. args, "--kubeconfig", Kubeconfig], io, TestContext.Current.CancellationToken);
        return (code, stdout.ToString(), stderr.ToString());
    }

    /// <summary>Runs the real kubectl against the simulator with its own cache directory.</summary>
    public Task<ToolResult> KubectlAsync(params string[] args) =>
        ExternalTool.RunAsync("kubectl", [.. args, "--kubeconfig", Kubeconfig, "--cache-dir", Path.Combine(_dir, "kubectl-cache")],
            environment: new Dictionary<string, string> { ["HOME"] = _dir }, cancellationToken: TestContext.Current.CancellationToken);

    public JsonObject Create(ResourceType type, string json, string ns = "default") =>
        Store.Create(type, ns, JsonNode.Parse(json)!.AsObject());

    public JsonObject Get(ResourceType type, string name, string ns = "default") => Store.GetRequired(type, ns, name);

    /// <summary>Waits (by polling the in-process store with a deadline) until <paramref name="condition"/> holds.</summary>
    public async Task<JsonObject> WaitForAsync(ResourceType type, string name, Func<JsonObject, bool> condition, string what, int seconds = 20)
    {
        var deadline = DateTime.UtcNow.AddSeconds(seconds);
        using var watch = Store.Watch(new WatchRequest { Types = [type], Namespace = "default" });
        while (true)
        {
            var current = Store.Get(type, "default", name);
            if (current is not null && condition(current))
            {
                return current;
            }

            if (DateTime.UtcNow > deadline)
            {
                Assert.Fail($"timed out waiting for {what}; last: {current?.ToJsonString()}");
            }

            using var cts = CancellationTokenSource.CreateLinkedTokenSource(TestContext.Current.CancellationToken);
            cts.CancelAfter(TimeSpan.FromMilliseconds(500));
            try
            {
                await watch.WaitToReadAsync(cts.Token);
                while (watch.TryRead(out _))
                {
                }
            }
            catch (OperationCanceledException) when (!TestContext.Current.CancellationToken.IsCancellationRequested)
            {
            }
        }
    }

    public async ValueTask DisposeAsync()
    {
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
