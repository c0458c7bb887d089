using System.Diagnostics;
using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;
using ImageRoll.ClusterSimulator;
using ImageRoll.ClusterSimulator.Controllers;
using ImageRoll.ClusterSimulator.Store;

namespace ImageRoll.Benchmarks.KubeClients;

/// <summary>
/// The kubeclients suite: ImageRoll's own Kubernetes client (src/ImageRoll.Core/Kubernetes) beside KubernetesClient
/// 21.0.8 on the same work against the in-process simulated cluster, each scenario in a fresh process
/// (Probes/OwnClientProbe, Probes/KubernetesClientProbe), kubectl as the yardstick for the first answer:
/// 1. cold start to the first answer (GET one Deployment) and the queries `imageroll status` makes: CPU, wall and
///    peak memory of the whole process from /usr/bin/time, medians of N alternating runs, ratio KubernetesClient/own;
/// 2. capabilities, one run each: a kubeconfig user with tokenFile, an exec credential plugin (what it received in
///    KUBERNETES_EXEC_INFO), a watch from a compacted resourceVersion (410 Expired: relist or not), a subresource
///    POST (DeploymentConfig instantiate).
/// </summary>
[System.Runtime.Versioning.UnsupportedOSPlatform("windows")]
public static class KubeClientSuite
{
    private const string Deployment = "bench";

    public static async Task<int> RunAsync(string[] args)
    {
        var runs = args.Length > 0 ? int.Parse(args[0], CultureInfo.InvariantCulture) : 11;
        var dir = Directory.CreateTempSubdirectory("imageroll-bench-kubeclients-").FullName;
        await using var cluster = await SimulatedCluster.StartAsync(new SimulatorOptions { Port = 0, Https = true, DisabledControllers = ControllerCatalog.Names });
        try
        {
            var kubeconfig = Path.Combine(dir, "kubeconfig");
            cluster.WriteKubeconfig(kubeconfig);
            Create(cluster, DeploymentJson(Deployment));
            var probes = new[] { Probe.Own, Probe.KubernetesClient };

            Console.WriteLine($"| measure (median of {runs} runs, whole process) | own client | KubernetesClient 21.0.8 | ratio (KubernetesClient/own) | kubectl |");
            Console.WriteLine("|---|---|---|---|---|");
            var kubectl = Cmd("/usr/bin/kubectl", "--kubeconfig", kubeconfig, "--cache-dir", Path.Combine(dir, "kubectl-cache"), "get", "deployment", Deployment, "-n", "default", "-o", "name");
            foreach (var (scenario, title) in new[] { ("get", "first answer: GET one Deployment"), ("status", "the queries of `imageroll status`") })
            {
                var commands = probes.Select(p => p.Command(scenario, kubeconfig, Deployment)).ToList();
                if (scenario == "get")
                {
                    commands.Add(kubectl);
                }

                var figures = await TimedRunner.MedianAsync(commands, runs, dir);
                Row($"{title}, CPU (s)", figures, f => f.Cpu, "F3");
                Row($"{title}, wall (s)", figures, f => f.Wall, "F3");
                Row($"{title}, peak memory (MiB)", figures, f => f.PeakMiB, "F1");
            }

            Console.WriteLine();
            Console.WriteLine("| capability | own client | KubernetesClient 21.0.8 |");
            Console.WriteLine("|---|---|---|");
            await CapabilitiesAsync(cluster, dir, kubeconfig, probes);
            return 0;
        }
        finally
        {
            Directory.Delete(dir, recursive: true);
        }
    }

    private static async Task CapabilitiesAsync(SimulatedCluster cluster, string dir, string kubeconfig, Probe[] probes)
    {
        var yaml = await File.ReadAllTextAsync(kubeconfig);
        var tokenFile = Path.Combine(dir, "token");
        await File.WriteAllTextAsync(tokenFile, cluster.AdminToken + "\n");
        var tokenFileConfig = Path.Combine(dir, "kubeconfig-tokenfile");
        await File.WriteAllTextAsync(tokenFileConfig, yaml.Replace($"token: {cluster.AdminToken}", $"tokenFile: {tokenFile}", StringComparison.Ordinal));
        var cells = new List<string>();
        foreach (var p in probes)
        {
            cells.Add((await p.RunAsync("get", tokenFileConfig, Deployment)).Line);
        }

        Console.WriteLine($"| kubeconfig user with `tokenFile` | {cells[0]} | {cells[1]} |");

        cells.Clear();
        foreach (var p in probes)
        {
            var info = Path.Combine(dir, $"exec-info-{p.Name}.json");
            var plugin = Path.Combine(dir, $"exec-plugin-{p.Name}.sh");
            await File.WriteAllTextAsync(plugin, $"#!/bin/sh\nprintf '%s' \"$KUBERNETES_EXEC_INFO\" > '{info}'\n" +
                $"printf '%s' '{{\"apiVersion\":\"client.authentication.k8s.io/v1\",\"kind\":\"ExecCredential\",\"status\":{{\"token\":\"{cluster.AdminToken}\"}}}}'\n");
            File.SetUnixFileMode(plugin, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute);
            var execConfig = Path.Combine(dir, $"kubeconfig-exec-{p.Name}");
            await File.WriteAllTextAsync(execConfig, yaml.Replace($"token: {cluster.AdminToken}",
                $"exec:\n      apiVersion: client.authentication.k8s.io/v1\n      command: {plugin}\n      interactiveMode: Never", StringComparison.Ordinal));
            var result = await p.RunAsync("get", execConfig, Deployment);
            cells.Add($"{result.Line}; KUBERNETES_EXEC_INFO: {(File.Exists(info) ? Describe(await File.ReadAllTextAsync(info)) : "none")}");
        }

        Console.WriteLine($"| exec plugin, `interactiveMode: Never` (expected: kind ExecCredential, interactive false) | {cells[0]} | {cells[1]} |");

        cells.Clear();
        foreach (var p in probes)
        {
            var name = "watched-" + p.Name.ToLowerInvariant();
            // Created at RV1, changed at RV2, history compacted at RV2: a watch from RV1 is 410 Expired.
            var created = Create(cluster, DeploymentJson(name));
            cluster.Store.Modify(ResourceTypes.Deployments, "default", name, o => o["metadata"]!["labels"] = new JsonObject { ["touched"] = "yes" });
            cluster.Store.CompactHistory();
            cells.Add((await p.RunAsync("watch", kubeconfig, name, created)).Line);
        }

        Console.WriteLine($"| watch from a compacted resourceVersion (410 Expired) | {cells[0]} | {cells[1]} |");

        cells.Clear();
        foreach (var p in probes)
        {
            var name = "dc-" + p.Name.ToLowerInvariant();
            cluster.Store.Create(ResourceTypes.DeploymentConfigs, "default", JsonNode.Parse("""
                {"apiVersion":"apps.openshift.io/v1","kind":"DeploymentConfig","metadata":{"name":"NAME","namespace":"default"},
                 "spec":{"replicas":1,"selector":{"app":"NAME"},"triggers":[],"template":{"metadata":{"labels":{"app":"NAME"}},"spec":{"containers":[{"name":"web","image":"registry.example.com/web:1"}]}}}}
                """.Replace("NAME", name, StringComparison.Ordinal))!.AsObject());
            cells.Add((await p.RunAsync("instantiate", kubeconfig, name)).Line);
        }

        Console.WriteLine($"| subresource POST (`deploymentconfigs/NAME/instantiate`) | {cells[0]} | {cells[1]} |");
    }

    private static string Describe(string execInfo)
    {
        try
        {
            var info = JsonNode.Parse(execInfo)!;
            return $"kind {info["kind"]}, apiVersion {info["apiVersion"]}, interactive {info["spec"]?["interactive"]}";
        }
        catch (JsonException)
        {
            return "not JSON: " + execInfo;
        }
    }

    private static void Row(string title, IReadOnlyList<TimedRunner.Figures> f, Func<TimedRunner.Figures, double> pick, string format)
    {
        var kubectl = f.Count > 2 ? pick(f[2]).ToString(format, CultureInfo.InvariantCulture) : "";
        Console.WriteLine(FormattableString.Invariant($"| {title} | {pick(f[0]).ToString(format, CultureInfo.InvariantCulture)} | {pick(f[1]).ToString(format, CultureInfo.InvariantCulture)} | {pick(f[1]) / pick(f[0]):F2} | {kubectl} |"));
    }

    private static string Create(SimulatedCluster cluster, string json) =>
        cluster.Store.Create(ResourceTypes.Deployments, "default", JsonNode.Parse(json)!.AsObject())["metadata"]!["resourceVersion"]!.GetValue<string>();

    private static string DeploymentJson(string name) => """
        {"apiVersion":"apps/v1","kind":"Deployment","metadata":{"name":"NAME","namespace":"default"},
         "spec":{"replicas":1,"selector":{"matchLabels":{"app":"NAME"}},"template":{"metadata":{"labels":{"app":"NAME"}},"spec":{"containers":[{"name":"web","image":"registry.example.com/web:1"}]}}}}
        """.Replace("NAME", name, StringComparison.Ordinal);

    private static string[] Cmd(params string[] command) => command;

    /// <summary>One of the two probe programs, built next to this project (Probes/).</summary>
    private sealed record Probe(string Name, string Dll)
    {
        public static readonly Probe Own = new("Own", Locate("OwnClientProbe"));

        public static readonly Probe KubernetesClient = new("KubernetesClient", Locate("KubernetesClientProbe"));

        public string[] Command(string scenario, string kubeconfig, string name, string? resourceVersion = null) =>
            resourceVersion is null ? ["dotnet", Dll, scenario, kubeconfig, name] : ["dotnet", Dll, scenario, kubeconfig, name, resourceVersion];

        public async Task<(int Exit, string Line)> RunAsync(string scenario, string kubeconfig, string name, string? resourceVersion = null)
        {
            var command = Command(scenario, kubeconfig, name, resourceVersion);
            var psi = new ProcessStartInfo(command[0]) { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
            foreach (var a in command[1..])
            {
                psi.ArgumentList.Add(a);
            }

            using var p = Process.Start(psi)!;
            var stdout = p.StandardOutput.ReadToEndAsync();
            var stderr = p.StandardError.ReadToEndAsync();
            await p.WaitForExitAsync();
            var line = (await stdout).Trim();
            return (p.ExitCode, (line.Length > 0 ? line : "no output: " + (await stderr).Trim()).Replace('|', '/'));
        }

        private static string Locate(string project) => Path.GetFullPath(Path.Combine(AppContext.BaseDirectory, "..", "..", "..", "Probes", project, "bin", "Release", "net10.0", project + ".dll"));
    }
}
