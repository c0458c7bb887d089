using System.Globalization;
using System.Text.Json.Nodes;
using ImageRoll.Benchmarks.KubeClients;
using ImageRoll.ClusterSimulator;
using ImageRoll.ClusterSimulator.Controllers;
using ImageRoll.ClusterSimulator.Store;

namespace ImageRoll.Benchmarks.Startup;

/// <summary>
/// The startup suite: whole-process cost of a short command, <c>imageroll</c> against kubectl, against the in-process
/// simulated cluster (one Deployment, rolled out): <c>--version</c> vs <c>kubectl version --client</c>, and
/// <c>imageroll status deployment/bench</c> vs <c>kubectl rollout status --watch=false deployment/bench</c>. Columns:
/// the portable tool (net10.0 build, JIT), the native AOT binary when one is given (build/bench.sh startup installs
/// ImageRoll.Tool.Native with build/native.sh --install), and any earlier build given with --before (a dll). CPU
/// (user+system), wall and peak memory from /usr/bin/time;
/// runs in turn (kubectl, portable, native, before, kubectl, ...) after one warm-up each; medians, and the median of
/// the per-round ratio to kubectl.
/// Usage: startup [RUNS] [--native PATH/imageroll] [--before PATH/imageroll.dll] [--portable PATH/imageroll.dll]
/// </summary>
[System.Runtime.Versioning.UnsupportedOSPlatform("windows")]
public static class StartupSuite
{
    private const string Deployment = "bench";

    public static async Task<int> RunAsync(string[] args)
    {
        var runs = args.Length > 0 && int.TryParse(args[0], CultureInfo.InvariantCulture, out var n) ? n : 11;
        var root = Path.GetFullPath(Path.Combine(AppContext.BaseDirectory, "..", "..", "..", "..", ".."));
        var portable = Arg(args, "--portable") ?? Path.Combine(root, "src", "ImageRoll.Cli", "bin", "Release", "net10.0", "imageroll.dll");
        var native = Arg(args, "--native");
        var before = Arg(args, "--before");
        var dir = Directory.CreateTempSubdirectory("imageroll-bench-startup-").FullName;
        await using var cluster = await SimulatedCluster.StartAsync(new SimulatorOptions { Port = 0, Https = true, DisabledControllers = ControllerCatalog.Names });
        try
        {
            var kubeconfig = Path.Combine(dir, "kubeconfig");
            cluster.WriteKubeconfig(kubeconfig);
            CreateRolledOutDeployment(cluster);
            var tools = new List<Tool>
            {
                new("kubectl", ["/usr/bin/kubectl", "version", "--client"],
                    ["/usr/bin/kubectl", "--kubeconfig", kubeconfig, "--cache-dir", Path.Combine(dir, "kubectl-cache"), "rollout", "status", "--watch=false", $"deployment/{Deployment}"]),
                Tool.Imageroll("imageroll (portable, net10.0, JIT)", ["dotnet", portable], kubeconfig),
            };
            if (native is not null)
            {
                tools.Add(Tool.Imageroll("imageroll (native AOT, linux-x64)", [native], kubeconfig));
            }

            if (before is not null)
            {
                tools.Add(Tool.Imageroll("imageroll (before)", ["dotnet", before], kubeconfig));
            }

            Console.WriteLine($"| measure (median of {runs} runs, whole process) | {string.Join(" | ", tools.Select((t, i) => i == 0 ? t.Name : $"{t.Name} | ratio"))} |");
            Console.WriteLine($"|---|{string.Join("|", tools.Select((_, i) => i == 0 ? "---" : "---|---"))}|");
            foreach (var (title, pick) in new (string, Func<Tool, string[]>)[] { ("`--version`", t => t.Version), ($"`status deployment/{Deployment}`", t => t.Status) })
            {
                var samples = await TimedRunner.SamplesAsync(tools.Select(pick).ToList(), runs, dir);
                Row($"{title}, CPU (s)", samples, f => f.Cpu, "F3");
                Row($"{title}, wall (s)", samples, f => f.Wall, "F3");
                Row($"{title}, peak memory (MiB)", samples, f => f.PeakMiB, "F1");
            }

            return 0;
        }
        finally
        {
            Directory.Delete(dir, recursive: true);
        }
    }

    /// <summary>A Deployment whose status says rolled out (the controllers are off: nothing changes it during the runs).</summary>
    private static void CreateRolledOutDeployment(SimulatedCluster cluster)
    {
        cluster.Store.Create(ResourceTypes.Deployments, "default", JsonNode.Parse("""
            {"apiVersion":"apps/v1","kind":"Deployment","metadata":{"name":"NAME","namespace":"default"},
             "spec":{"replicas":1,"selector":{"matchLabels":{"app":"NAME"}},"template":{"metadata":{"labels":{"app":"NAME"}},"spec":{"containers":[{"name":"web","image":"registry.example.com/web:1"}]}}}}
            """.Replace("NAME", Deployment, StringComparison.Ordinal))!.AsObject());
        cluster.Store.Modify(ResourceTypes.Deployments, "default", Deployment, o => o["status"] = JsonNode.Parse("""
            {"observedGeneration":1,"replicas":1,"updatedReplicas":1,"readyReplicas":1,"availableReplicas":1,
             "conditions":[{"type":"Progressing","status":"True","reason":"NewReplicaSetAvailable","message":"done"},
                           {"type":"Available","status":"True","reason":"MinimumReplicasAvailable","message":"up"}]}
            """), WriteScope.Status);
    }

    private static void Row(string title, IReadOnlyList<IReadOnlyList<TimedRunner.Figures>> samples, Func<TimedRunner.Figures, double> pick, string format)
    {
        var cells = new List<string>();
        for (var t = 0; t < samples.Count; t++)
        {
            cells.Add(Median(samples[t].Select(pick)).ToString(format, CultureInfo.InvariantCulture));
            if (t > 0)
            {
                // The ratio of each round (the tools ran one after another in it), then the median of those.
                cells.Add(Median(samples[t].Zip(samples[0], (a, k) => pick(a) / pick(k))).ToString("F2", CultureInfo.InvariantCulture));
            }
        }

        Console.WriteLine($"| {title} | {string.Join(" | ", cells)} |");
    }

    private static double Median(IEnumerable<double> values)
    {
        var s = values.Order().ToList();
        return s.Count % 2 == 1 ? s[s.Count / 2] : (s[(s.Count / 2) - 1] + s[s.Count / 2]) / 2;
    }

    private static string? Arg(string[] args, string name)
    {
        var i = Array.IndexOf(args, name);
        return i >= 0 && i + 1 < args.Length ? Path.GetFullPath(args[i + 1]) : null;
    }

    private sealed record Tool(string Name, string[] Version, string[] Status)
    {
        public static Tool Imageroll(string name, string[] command, string kubeconfig) =>
            new(name, [.. command, "--version"], [.. command, "status", $"deployment/{Deployment}", "--kubeconfig", kubeconfig]);
    }
}
