using System.Diagnostics;
using System.Text.Json;
using System.Text.Json.Nodes;
using ImageRoll.IntegrationTests.Infrastructure;
using ImageRoll.Kubernetes;
using ImageRoll.Kubernetes.Models;

namespace ImageRoll.IntegrationTests.Kubernetes;

/// <summary>
/// The samples applied by the real kubectl (client-side and server-side), patched by kubectl with each patch type,
/// and watched by kubectl: every result is what ImageRoll's client reads.
/// </summary>
public sealed class KubectlSamplesAgreementTests(SimulatorKubeFixture fx) : IClassFixture<SimulatorKubeFixture>
{
    private static readonly Dictionary<string, ResourceKind> Kinds = new(StringComparer.Ordinal)
    {
        ["Deployment"] = ResourceKind.Deployments,
        ["StatefulSet"] = ResourceKind.StatefulSets,
        ["DaemonSet"] = ResourceKind.DaemonSets,
        ["ImageStream"] = ResourceKind.ImageStreams,
        ["DeploymentConfig"] = ResourceKind.DeploymentConfigs,
        ["Service"] = new("", "v1", "services", "Service"),
    };

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private static string Manifests => Path.Combine(TestServices.RepoRoot, "samples", "manifests");

    private static JsonNode ToNode(KubeObject obj) => JsonSerializer.SerializeToNode(obj, obj.GetType(), KubeJson.Options)!;

    private static void AssertSameJson(JsonNode expected, JsonNode actual) =>
        Assert.True(JsonNode.DeepEquals(expected, actual), $"expected:\n{expected}\nactual:\n{actual}");

    [Theory]
    [InlineData("samples-csa", false)]
    [InlineData("samples-ssa", true)]
    public async Task Samples_applied_by_kubectl_read_equal_through_imageroll(string ns, bool serverSide)
    {
        var apply = new List<string> { "apply", "-n", ns, "-f", Manifests };
        if (serverSide)
        {
            apply.Add("--server-side");
        }

        (await fx.Kubectl(apply)).EnsureSuccess("kubectl apply");
        var listed = JsonNode.Parse((await fx.Kubectl("get", "deploy,sts,ds,is,dc,svc", "-n", ns, "-o", "json")).EnsureSuccess("kubectl get").Stdout)!;
        using var client = fx.Client();

        var items = listed["items"]!.AsArray();
        Assert.Equal(Directory.GetFiles(Manifests, "*.yaml").Length, items.Count);
        foreach (var item in items)
        {
            var kind = Kinds[(string)item!["kind"]!];
            var read = await client.GetAsync<KubeObject>(kind, ns, (string)item["metadata"]!["name"]!, Ct);
            AssertSameJson(item, ToNode(read));
        }

        var deployments = await client.ListAsync<KubeObject>(ResourceKind.Deployments, ns, null, Ct);
        Assert.Equal(items.Count(i => (string?)i!["kind"] == "Deployment"), deployments.Items.Count);
    }

    [Theory]
    [InlineData("strategic", """{"spec":{"template":{"spec":{"containers":[{"name":"web","image":"127.0.0.1:5000/apps/web:s"}]}}}}""")]
    [InlineData("merge", """{"metadata":{"labels":{"patched":"merge"}}}""")]
    [InlineData("json", """[{"op":"replace","path":"/spec/replicas","value":4}]""")]
    public async Task Kubectl_patch_of_each_type_returns_what_imageroll_then_reads(string type, string patch)
    {
        var name = "kpatch-" + type;
        (await fx.Kubectl("create", "deployment", name, "--image=127.0.0.1:5000/apps/web:v1")).EnsureSuccess("kubectl create");
        using var client = fx.Client();

        var patched = JsonNode.Parse((await fx.Kubectl("patch", "deployment", name, "--type", type, "-p", patch, "-o", "json")).EnsureSuccess("kubectl patch").Stdout)!;
        var read = await client.GetAsync<KubeObject>(ResourceKind.Deployments, null, name, Ct);

        AssertSameJson(patched, ToNode(read));
    }

    [Fact]
    public async Task Kubectl_watch_sees_what_imageroll_changes()
    {
        var name = "kwatch-" + Guid.NewGuid().ToString("N")[..6];
        (await fx.Kubectl("create", "deployment", name, "--image=127.0.0.1:5000/apps/web:v1")).EnsureSuccess("kubectl create");
        using var client = fx.Client();
        var run = Path.Combine(fx.Dir, "watch-" + name);
        Directory.CreateDirectory(run);
        var psi = new ProcessStartInfo("/usr/bin/kubectl")
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (var a in new[] { "--kubeconfig", fx.AdminKubeconfig, "--cache-dir", Path.Combine(run, "cache"), "get", "deployment", name, "-w", "--output-watch-events", "-o", "jsonpath={.type} {.object.metadata.labels.stage}{\"\\n\"}" })
        {
            psi.ArgumentList.Add(a);
        }

        psi.Environment["HOME"] = run;
        using var kubectl = Process.Start(psi)!;
        var lines = new List<string>();
        kubectl.OutputDataReceived += (_, e) =>
        {
            if (e.Data is not null)
            {
                lock (lines)
                {
                    lines.Add(e.Data.Trim());
                }
            }
        };
        var stderr = new System.Collections.Concurrent.ConcurrentQueue<string>();
        kubectl.ErrorDataReceived += (_, e) =>
        {
            if (e.Data is not null)
            {
                stderr.Enqueue(e.Data);
            }
        };
        kubectl.BeginOutputReadLine();
        kubectl.BeginErrorReadLine();
        try
        {
            await WaitFor(() => lines.Count >= 1, lines, kubectl, stderr);

            // Change the object only once kubectl's watch request is in (the request log records it on arrival), so
            // the events are live ones rather than a replay of the watch history.
            var watchDeadline = DateTime.UtcNow.AddSeconds(30);
            while (!fx.Cluster.Requests.All.Any(r => r.PathAndQuery.Contains("watch=true", StringComparison.Ordinal) && r.PathAndQuery.Contains(name, StringComparison.Ordinal)))
            {
                Assert.True(DateTime.UtcNow < watchDeadline, "kubectl get -w never sent its watch request");
                await Task.Delay(20, Ct);
            }

            await client.PatchAsync<KubeObject>(ResourceKind.Deployments, null, name, PatchType.Merge, """{"metadata":{"labels":{"stage":"one"}}}""", null, Ct);
            await client.PatchAsync<KubeObject>(ResourceKind.Deployments, null, name, PatchType.StrategicMerge, """{"metadata":{"labels":{"stage":"two"}}}""", null, Ct);
            await client.DeleteAsync(ResourceKind.Deployments, null, name, Ct);
            await WaitFor(() => lines.Any(l => l.StartsWith("DELETED", StringComparison.Ordinal)), lines, kubectl, stderr);
        }
        finally
        {
            if (!kubectl.HasExited)
            {
                kubectl.Kill();
                await kubectl.WaitForExitAsync(Ct);
            }
        }

        lock (lines)
        {
            Assert.Equal(["ADDED", "MODIFIED one", "MODIFIED two", "DELETED two"], lines);
        }
    }

    private IEnumerable<string> Requests() =>
        fx.Cluster.Requests.All.Where(r => r.PathAndQuery.Contains("kwatch", StringComparison.Ordinal)).Select(r => $"{r.Method} {r.PathAndQuery} {r.StatusCode}");

    private async Task WaitFor(Func<bool> condition, List<string> lines, Process kubectl, IEnumerable<string> stderr)
    {
        var deadline = DateTime.UtcNow.AddSeconds(30);
        while (true)
        {
            lock (lines)
            {
                if (condition())
                {
                    return;
                }
            }

            if (kubectl.HasExited)
            {
                Assert.Fail($"kubectl get -w exited {kubectl.ExitCode}: {string.Join('\n', stderr)}");
            }

            Assert.True(DateTime.UtcNow < deadline, $"kubectl get -w did not print the expected events in 30 s; it printed: {string.Join(" | ", lines)}; requests: {string.Join(" | ", Requests())}");
            await Task.Delay(50, Ct);
        }
    }
}
