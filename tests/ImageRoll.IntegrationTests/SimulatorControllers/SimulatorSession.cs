using System.Text.Json.Nodes;
using ImageRoll.ClusterSimulator;
using ImageRoll.ClusterSimulator.Controllers.Core;
using ImageRoll.ClusterSimulator.Store;
using ImageRoll.IntegrationTests.Infrastructure;

namespace ImageRoll.IntegrationTests.SimulatorControllers;

/// <summary>
/// One simulated cluster with fast controller timings, a kubeconfig file, and the real kubectl with its own cache
/// directory (kubectl caches discovery per server URL).
/// </summary>
public sealed class SimulatorSession : IAsyncDisposable
{
    private readonly string _dir;

    private SimulatorSession(SimulatedCluster cluster, string dir)
    {
        Cluster = cluster;
        _dir = dir;
        Kubeconfig = Path.Combine(dir, "kubeconfig");
        cluster.WriteKubeconfig(Kubeconfig);
    }

    public SimulatedCluster Cluster { get; }

    public string Kubeconfig { get; }

    public static ControllerTimings FastTimings { get; } = new()
    {
        ReadinessDelay = TimeSpan.FromMilliseconds(100),
        ImagePullBackOff = TimeSpan.FromMilliseconds(400),
        CrashAfter = TimeSpan.FromMilliseconds(150),
        CrashLoopBackOff = TimeSpan.FromMilliseconds(400),
        ProbePeriod = TimeSpan.FromMilliseconds(300),
        DeployerPeriod = TimeSpan.FromMilliseconds(50),
    };

    public static Task<SimulatorSession> StartAsync(ControllerTimings? timings = null) =>
        StartAsync(new SimulatorOptions { Timings = timings ?? FastTimings });

    public static async Task<SimulatorSession> StartAsync(SimulatorOptions options)
    {
        var cluster = await SimulatedCluster.StartAsync(options);
        var dir = Path.Combine(Path.GetTempPath(), "imageroll-simctl-" + Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(dir);
        return new SimulatorSession(cluster, dir);
    }

    public Task<ToolResult> KubectlAsync(params string[] args) => KubectlWithInputAsync(null, args);

    public Task<ToolResult> KubectlWithInputAsync(string? stdin, params string[] args) =>
        // /usr/bin/kubectl dispatches on the first argument (a plugin-style wrapper): global flags go last.
        ExternalTool.RunAsync("kubectl", [.. args, "--cache-dir", Path.Combine(_dir, "cache")],
            environment: new Dictionary<string, string> { ["HOME"] = _dir, ["KUBECONFIG"] = Kubeconfig }, stdin: stdin,
            timeout: TimeSpan.FromMinutes(2));

    public async Task ApplyAsync(string yaml) =>
        (await KubectlWithInputAsync(yaml, "apply", "-f", "-")).EnsureSuccess("kubectl apply");

    public async Task<string> JsonPathAsync(string resource, string jsonPath)
    {
        var r = await KubectlAsync("get", resource, "-o", $"jsonpath={jsonPath}");
        r.EnsureSuccess($"kubectl get {resource}");
        return r.Stdout;
    }

    /// <summary>Polls <c>kubectl get -o jsonpath</c> until the output satisfies <paramref name="accept"/>; returns it.</summary>
    public async Task<string> WaitForJsonPathAsync(string resource, string jsonPath, Func<string, bool> accept, TimeSpan? timeout = null)
    {
        var deadline = DateTime.UtcNow + (timeout ?? TimeSpan.FromSeconds(30));
        while (true)
        {
            var text = await JsonPathAsync(resource, jsonPath);
            if (accept(text))
            {
                return text;
            }

            if (DateTime.UtcNow > deadline)
            {
                Assert.Fail($"kubectl get {resource} -o jsonpath={jsonPath} never satisfied the test; last: '{text}'");
            }

            await Task.Delay(50);
        }
    }

    /// <summary>Waits (polling the store, not sleeping blindly) until <paramref name="condition"/> holds.</summary>
    public async Task<T> WaitForAsync<T>(string what, Func<ObjectStore, T?> condition, TimeSpan? timeout = null)
        where T : class
    {
        var deadline = DateTime.UtcNow + (timeout ?? TimeSpan.FromSeconds(30));
        while (true)
        {
            if (condition(Cluster.Store) is { } value)
            {
                return value;
            }

            if (DateTime.UtcNow > deadline)
            {
                Assert.Fail($"timed out waiting for {what}");
            }

            await Task.Delay(50);
        }
    }

    public IReadOnlyList<JsonObject> Pods(string labelKey, string labelValue) =>
        Cluster.Store.List(ResourceTypes.Pods, "default").Items
            .Where(p => p["metadata"]?["labels"]?[labelKey]?.GetValue<string>() == labelValue).ToList();

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
