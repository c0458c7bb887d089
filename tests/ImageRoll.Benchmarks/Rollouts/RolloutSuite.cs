using System.Diagnostics;
using System.Globalization;
using System.Text.Json.Nodes;
using ImageRoll.ClusterSimulator;
using ImageRoll.ClusterSimulator.Controllers;
using ImageRoll.ClusterSimulator.Store;
using ImageRoll.Kubernetes;
using ImageRoll.Rollouts;

namespace ImageRoll.Benchmarks.Rollouts;

/// <summary>
/// The rollouts suite, against the in-process simulated cluster (HTTPS; no controllers, so the benchmark itself
/// completes each rollout by writing the final status, at a known instant):
/// 1. report latency: the delay between the cluster completing a rollout and (a) the imageroll CLI process
///    (<c>imageroll status --watch</c>) printing its result, (b) <c>kubectl rollout status</c> printing
///    "successfully rolled out", both started and waiting beforehand, same run, same clock; median and ratio;
/// 2. API requests made while following 50 deployments at once (the simulator's request log), beside one
///    <c>kubectl rollout status</c> process per workload.
/// </summary>
public static class RolloutSuite
{
    public static async Task<int> RunAsync(string[] args)
    {
        var iterations = args.Length > 0 ? int.Parse(args[0], CultureInfo.InvariantCulture) : 10;
        var dir = Path.Combine(Path.GetTempPath(), "imageroll-bench-rollouts-" + Guid.NewGuid().ToString("N")[..8]);
        Directory.CreateDirectory(dir);
        await using var cluster = await SimulatedCluster.StartAsync(new SimulatorOptions { Port = 0, Https = true, DisabledControllers = ControllerCatalog.Names });
        var kubeconfig = Path.Combine(dir, "kubeconfig");
        cluster.WriteKubeconfig(kubeconfig);
        try
        {
            var latency = await LatencyAsync(cluster, kubeconfig, dir, iterations);
            var engine = await InProcessLatencyAsync(cluster, kubeconfig, iterations);
            var requests = await RequestsAsync(cluster, kubeconfig, dir, 50);
            Console.WriteLine();
            Console.WriteLine("| measure | imageroll | kubectl rollout status | ratio (imageroll/kubectl) |");
            Console.WriteLine("|---|---|---|---|");
            Console.WriteLine(FormattableString.Invariant($"| report delay after completion, median of {iterations} (ms) | {latency.ImageRoll:F1} | {latency.Kubectl:F1} | {latency.ImageRoll / latency.Kubectl:F2} |"));
            Console.WriteLine(FormattableString.Invariant($"| report delay, engine in-process (RolloutFollower), median (ms) | {engine:F1} | {latency.Kubectl:F1} | {engine / latency.Kubectl:F2} |"));
            Console.WriteLine(FormattableString.Invariant($"| report delay, max (ms) | {latency.ImageRollMax:F1} | {latency.KubectlMax:F1} | |"));
            Console.WriteLine(FormattableString.Invariant($"| API requests following 50 deployments | {requests.ImageRoll} | {requests.KubectlPerWorkload * 50} ({requests.KubectlPerWorkload} per process x 50) | {(double)requests.ImageRoll / (requests.KubectlPerWorkload * 50):F3} |"));
            Console.WriteLine(FormattableString.Invariant($"| of which watches | {requests.ImageRollWatches} | {requests.KubectlWatches * 50} | |"));
            return 0;
        }
        finally
        {
            Directory.Delete(dir, recursive: true);
        }
    }

    private static async Task<(double ImageRoll, double Kubectl, double ImageRollMax, double KubectlMax)> LatencyAsync(SimulatedCluster cluster, string kubeconfig, string dir, int iterations)
    {
        var cli = Path.Combine(AppContext.BaseDirectory, "..", "..", "..", "..", "..", "src", "ImageRoll.Cli", "bin", "Release", "net8.0", "imageroll.dll");
        var imageroll = new List<double>();
        var kubectl = new List<double>();
        for (var i = 0; i < iterations; i++)
        {
            var name = $"lat-{i}";
            CreateMidRollout(cluster, name);
            var clock = Stopwatch.StartNew();
            await using var k = ToolProcess.Start("/usr/bin/kubectl", Path.Combine(dir, "k" + i), clock, "--kubeconfig", kubeconfig, "--cache-dir", Path.Combine(dir, "k" + i, "cache"), "rollout", "status", $"deployment/{name}", "-n", "default");
            await using var r = ToolProcess.Start("dotnet", Path.Combine(dir, "r" + i), clock, cli, "status", $"deployment/{name}", "--watch", "--kubeconfig", kubeconfig, "-n", "default");
            await k.WaitForLineAsync(l => l.Contains("Waiting for deployment", StringComparison.Ordinal), TimeSpan.FromSeconds(60));
            await r.WaitForLineAsync(l => l.Contains("Waiting for deployment", StringComparison.Ordinal), TimeSpan.FromSeconds(60));

            // A rollout sends many watch events before its last one; one intermediate step takes both clients past
            // their first-event costs (for the .NET process: JIT of the watch path), as in a real rollout.
            SetStatus(cluster, name, 2, 3);
            await k.WaitForLineAsync(l => l.Contains("2 out of 3 new replicas", StringComparison.Ordinal), TimeSpan.FromSeconds(60));
            await r.WaitForLineAsync(l => l.Contains("2 out of 3 new replicas", StringComparison.Ordinal), TimeSpan.FromSeconds(60));
            await Task.Delay(200);

            var completed = clock.Elapsed;
            Complete(cluster, name);
            var kAt = await k.WaitForLineAsync(l => l == $"deployment \"{name}\" successfully rolled out", TimeSpan.FromSeconds(60));
            var rAt = await r.WaitForLineAsync(l => l == $"deployment \"{name}\" successfully rolled out", TimeSpan.FromSeconds(60));
            kubectl.Add((kAt - completed).TotalMilliseconds);
            imageroll.Add((rAt - completed).TotalMilliseconds);
            Console.Error.WriteLine(FormattableString.Invariant($"iteration {i}: imageroll {imageroll[^1]:F1} ms, kubectl {kubectl[^1]:F1} ms"));
        }

        return (Median(imageroll), Median(kubectl), imageroll.Max(), kubectl.Max());
    }

    /// <summary>The engine alone: from the completing write to the follower's "successfully rolled out" report.</summary>
    private static async Task<double> InProcessLatencyAsync(SimulatedCluster cluster, string kubeconfig, int iterations)
    {
        using var api = KubeClientFactory.Create(new KubeConnectionOptions(kubeconfig, null, "default"), _ => null);
        var delays = new List<double>();
        for (var i = 0; i < iterations; i++)
        {
            var name = $"eng-{i}";
            CreateMidRollout(cluster, name);
            var waiting = new TaskCompletionSource();
            var done = new TaskCompletionSource<TimeSpan>();
            var clock = Stopwatch.StartNew();
            var progress = new Progress(p =>
            {
                if (p.State == RolloutState.Waiting)
                {
                    waiting.TrySetResult();
                }
                else if (p.State == RolloutState.Done)
                {
                    done.TrySetResult(clock.Elapsed);
                }
            });
            var follow = new RolloutFollower(api).FollowAsync([WorkloadRef.Parse("deployment/" + name, "default")], new RolloutFollowOptions(), progress, CancellationToken.None);
            await waiting.Task.WaitAsync(TimeSpan.FromSeconds(30));
            await Task.Delay(200);
            var completed = clock.Elapsed;
            Complete(cluster, name);
            delays.Add(((await done.Task.WaitAsync(TimeSpan.FromSeconds(30))) - completed).TotalMilliseconds);
            await follow;
        }

        Console.Error.WriteLine("engine in-process delays (ms): " + string.Join(", ", delays.Select(d => d.ToString("F1", CultureInfo.InvariantCulture))));
        return Median(delays);
    }

    private static async Task<(int ImageRoll, int ImageRollWatches, int KubectlPerWorkload, int KubectlWatches)> RequestsAsync(SimulatedCluster cluster, string kubeconfig, string dir, int count)
    {
        var names = Enumerable.Range(0, count).Select(i => $"many-{i}").ToList();
        names.ForEach(n => CreateMidRollout(cluster, n));
        using var api = KubeClientFactory.Create(new KubeConnectionOptions(kubeconfig, null, "default"), _ => null);
        var waiting = new TaskCompletionSource();
        var seen = 0;
        var progress = new Progress(p =>
        {
            if (p.State == RolloutState.Waiting && Interlocked.Increment(ref seen) == count)
            {
                waiting.TrySetResult();
            }
        });
        cluster.Requests.Clear();
        var follow = new RolloutFollower(api).FollowAsync(names.Select(n => WorkloadRef.Parse("deployment/" + n, "default")).ToList(), new RolloutFollowOptions { Timeout = TimeSpan.FromMinutes(2) }, progress, CancellationToken.None);
        await waiting.Task.WaitAsync(TimeSpan.FromSeconds(60));
        names.ForEach(n => Complete(cluster, n));
        var results = await follow;
        if (results.Any(r => r.Outcome != RolloutOutcome.Succeeded))
        {
            throw new InvalidOperationException("a followed rollout did not succeed");
        }

        var ours = cluster.Requests.ResourceRequests.ToList();
        Console.Error.WriteLine("imageroll requests: " + string.Join(", ", ours.GroupBy(q => q.Method + " " + q.PathAndQuery.Split('?')[0]).Select(g => $"{g.Key} x{g.Count()}")));

        CreateMidRollout(cluster, "one");
        cluster.Requests.Clear();
        var clock = Stopwatch.StartNew();
        await using (var k = ToolProcess.Start("/usr/bin/kubectl", Path.Combine(dir, "k-one"), clock, "--kubeconfig", kubeconfig, "--cache-dir", Path.Combine(dir, "k-one", "cache"), "rollout", "status", "deployment/one", "-n", "default"))
        {
            await k.WaitForLineAsync(l => l.Contains("Waiting for deployment", StringComparison.Ordinal), TimeSpan.FromSeconds(60));
            Complete(cluster, "one");
            await k.WaitForLineAsync(l => l.Contains("successfully rolled out", StringComparison.Ordinal), TimeSpan.FromSeconds(60));
        }

        var theirs = cluster.Requests.All.ToList();
        Console.Error.WriteLine("kubectl requests: " + string.Join(", ", theirs.GroupBy(q => q.Method + " " + q.PathAndQuery.Split('?')[0]).Select(g => $"{g.Key} x{g.Count()}")));
        return (ours.Count, ours.Count(q => q.PathAndQuery.Contains("watch=true", StringComparison.Ordinal)),
                theirs.Count, theirs.Count(q => q.PathAndQuery.Contains("watch=true", StringComparison.Ordinal)));
    }

    private static void CreateMidRollout(SimulatedCluster cluster, string name)
    {
        var obj = JsonNode.Parse("""
            {"apiVersion":"apps/v1","kind":"Deployment","metadata":{"name":"NAME","namespace":"default"},
             "spec":{"replicas":3,"selector":{"matchLabels":{"app":"NAME"}},"template":{"metadata":{"labels":{"app":"NAME"}},"spec":{"containers":[{"name":"web","image":"registry.example.com/web@sha256:2222222222222222222222222222222222222222222222222222222222222222"}]}}}}
            """.Replace("NAME", name, StringComparison.Ordinal))!.AsObject();
        cluster.Store.Create(ResourceTypes.Deployments, "default", obj);
        SetStatus(cluster, name, 1, 3);
    }

    private static void Complete(SimulatedCluster cluster, string name) => SetStatus(cluster, name, 3, 3);

    private static void SetStatus(SimulatedCluster cluster, string name, int updated, int available) =>
        cluster.Store.Modify(ResourceTypes.Deployments, "default", name, o => o["status"] = JsonNode.Parse(FormattableString.Invariant(
            $$"""{"observedGeneration":1,"replicas":{{(updated < 3 ? 4 : 3)}},"updatedReplicas":{{updated}},"availableReplicas":{{available}},"readyReplicas":{{available}}}""")), WriteScope.Status);

    private static double Median(List<double> values)
    {
        var s = values.Order().ToList();
        return s.Count % 2 == 1 ? s[s.Count / 2] : (s[(s.Count / 2) - 1] + s[s.Count / 2]) / 2;
    }

    private sealed class Progress(Action<RolloutProgress> report) : IProgress<RolloutProgress>
    {
        public void Report(RolloutProgress value) => report(value);
    }
}
