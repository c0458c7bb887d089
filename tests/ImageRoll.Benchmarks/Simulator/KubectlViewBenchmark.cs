using System.Diagnostics;
using System.Globalization;
using System.Text.Json.Nodes;
using ImageRoll.ClusterSimulator;
using ImageRoll.ClusterSimulator.Controllers;
using ImageRoll.ClusterSimulator.Store;

namespace ImageRoll.Benchmarks.Simulator;

/// <summary>
/// The simulated cluster as kubectl sees it: wall time of <c>kubectl rollout status deployment/x --watch=false</c>
/// (a list, then an informer watch that must start before it answers) against its peer <c>kubectl get deployment x</c>
/// (one GET, same process start and discovery cache), medians of N runs in one process, and the ratio. A ratio near 1
/// means the watch costs nothing more than a read; before watches flushed their headers it was about 27 (5.2 s against 0.2 s).
/// </summary>
public static class KubectlViewBenchmark
{
    public static async Task<int> RunAsync(string[] args)
    {
        var iterations = args.Length > 0 ? int.Parse(args[0], CultureInfo.InvariantCulture) : 10;
        var dir = Path.Combine(Path.GetTempPath(), "imageroll-bench-kubectl-" + Guid.NewGuid().ToString("N")[..8]);
        Directory.CreateDirectory(dir);
        await using var cluster = await SimulatedCluster.StartAsync(new SimulatorOptions { Port = 0, Https = true, DisabledControllers = ControllerCatalog.Names });
        var kubeconfig = Path.Combine(dir, "kubeconfig");
        cluster.WriteKubeconfig(kubeconfig);
        cluster.Store.Create(ResourceTypes.Deployments, "default", JsonNode.Parse("""
            {"metadata":{"name":"x"},"spec":{"replicas":1,"selector":{"matchLabels":{"app":"x"}},"template":{"metadata":{"labels":{"app":"x"}},"spec":{"containers":[{"name":"web","image":"registry.example.com/web@sha256:2222222222222222222222222222222222222222222222222222222222222222"}]}}}}
            """)!.AsObject());
        cluster.Store.Modify(ResourceTypes.Deployments, "default", "x", o => o["status"] = JsonNode.Parse(
            """{"observedGeneration":1,"replicas":1,"updatedReplicas":1,"readyReplicas":1,"availableReplicas":1}"""), WriteScope.Status);
        try
        {
            string[] common = ["--kubeconfig", kubeconfig, "--cache-dir", Path.Combine(dir, "cache"), "-n", "default"];
            await RunAsync(dir, [.. common, "get", "deployment", "x"]);
            var get = new List<double>();
            var status = new List<double>();
            for (var i = 0; i < iterations; i++)
            {
                get.Add(await RunAsync(dir, [.. common, "get", "deployment", "x"]));
                status.Add(await RunAsync(dir, [.. common, "rollout", "status", "deployment/x", "--watch=false"]));
            }

            Console.WriteLine();
            Console.WriteLine("| measure | kubectl rollout status --watch=false | kubectl get deployment (peer) | ratio |");
            Console.WriteLine("|---|---|---|---|");
            Console.WriteLine(FormattableString.Invariant($"| wall time, median of {iterations} (ms) | {Median(status):F0} | {Median(get):F0} | {Median(status) / Median(get):F2} |"));
            Console.WriteLine(FormattableString.Invariant($"| wall time, max (ms) | {status.Max():F0} | {get.Max():F0} | |"));
            return 0;
        }
        finally
        {
            Directory.Delete(dir, recursive: true);
        }
    }

    private static async Task<double> RunAsync(string dir, string[] args)
    {
        var psi = new ProcessStartInfo("/usr/bin/kubectl") { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        foreach (var a in args)
        {
            psi.ArgumentList.Add(a);
        }

        psi.Environment["HOME"] = dir;
        var clock = Stopwatch.StartNew();
        using var process = Process.Start(psi)!;
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        await process.WaitForExitAsync().WaitAsync(TimeSpan.FromSeconds(60));
        var elapsed = clock.Elapsed.TotalMilliseconds;
        if (process.ExitCode != 0)
        {
            throw new InvalidOperationException($"kubectl {string.Join(' ', args)} exited {process.ExitCode}: {await stderr}{await stdout}");
        }

        return elapsed;
    }

    private static double Median(List<double> values)
    {
        var s = values.Order().ToList();
        return s.Count % 2 == 1 ? s[s.Count / 2] : (s[(s.Count / 2) - 1] + s[s.Count / 2]) / 2;
    }
}
