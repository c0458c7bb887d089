using System.Text.Json.Nodes;
using ImageRoll.ClusterSimulator.Store;
using ImageRoll.IntegrationTests.Build;
using ImageRoll.IntegrationTests.Infrastructure;
using ImageRoll.IntegrationTests.OpenShift;
using ImageRoll.IntegrationTests.Registry;

namespace ImageRoll.IntegrationTests.Cli;

/// <summary>
/// Each single-step command of the native AOT tool as a process, on the real parts: <c>push</c>, <c>resolve</c> and
/// <c>copy</c> against the real registry (checked with skopeo), then <c>tag</c>, <c>rollout</c>, <c>status</c> and
/// <c>promote</c> against the simulated cluster (its trigger controller off: the patch is ImageRoll's), whose import
/// controller reads that registry and whose kubelet stand-in pulls from it (checked in its store). Releases, builds and signals of the native tool are in the tests that name
/// <see cref="CliHost.Native"/>.
/// </summary>
public sealed class NativeCommandTourTests : IDisposable
{
    private readonly string _dir = Directory.CreateTempSubdirectory("imageroll-native-tour-").FullName;

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    [Fact]
    public async Task Every_command_of_the_native_tool_does_its_work_on_the_real_registry_and_the_simulated_cluster()
    {
        _ = ImageRollCli.NativeBinary();
        var registry = TestServices.Registry;
        var repository = $"{registry}/native/tour-{Guid.NewGuid():N}"[..(registry.Length + 20)];
        var layout = Path.Combine(_dir, "layout");
        var writer = new OciLayoutWriter(layout);
        writer.WriteLayoutIndex(writer.WriteSmallImage(seed: Random.Shared.Next()));

        var push = await RunAsync("push", layout, "--image", $"{repository}:v1", "--insecure-registry", registry);
        var digest = await Skopeo.DigestAsync($"{repository}:v1");
        Assert.Equal($"{repository}@{digest}", push.EnsureSuccess().LastStdoutLine);

        var resolve = await RunAsync("resolve", $"{repository}:v1", "--insecure-registry", registry, "-o", "json");
        Assert.Equal(digest, (string?)JsonNode.Parse(resolve.EnsureSuccess().Stdout)!["digest"]);

        (await RunAsync("copy", $"{repository}:v1", $"{repository}-copy:v1", "--insecure-registry", registry)).EnsureSuccess();
        Assert.Equal(digest, await Skopeo.DigestAsync($"{repository}-copy:v1"));

        await using var sim = await OpenShiftSim.StartAsync("image-trigger"); // the patch is ImageRoll's to make
        var tag = await RunAsync("tag", $"{repository}@{digest}", "example:latest", "--create-stream", "--kubeconfig", sim.Kubeconfig, "--timeout", "60s");
        Assert.Equal($"{repository}@{digest}", tag.EnsureSuccess().LastStdoutLine);

        Workloads.Put(sim, ResourceTypes.Deployments, Workloads.Deployment());
        var rollout = await RunAsync("rollout", "deployment/example", "--from", "example:latest", "--trigger", "patch", "--kubeconfig", sim.Kubeconfig, "--timeout", "90s");
        Assert.Equal($"deployment/example patched web={repository}@{digest}", rollout.EnsureSuccess().LastStdoutLine);
        Assert.Contains("deployment \"example\" successfully rolled out", rollout.Stderr, StringComparison.Ordinal);
        Assert.Equal($"{repository}@{digest}", Workloads.Image(sim.Get(ResourceTypes.Deployments, "example")));

        var status = await RunAsync("status", "deployment/example", "--kubeconfig", sim.Kubeconfig, "-o", "json");
        var kubectl = await sim.KubectlAsync("rollout", "status", "--watch=false", "deployment/example");
        var workload = Assert.Single(JsonNode.Parse(status.EnsureSuccess().Stdout)!["workloads"]!.AsArray())!;
        Assert.Equal(kubectl.EnsureSuccess("kubectl rollout status").Stdout.Trim(), (string?)workload["message"]);

        Workloads.Put(sim, ResourceTypes.Deployments, Workloads.Deployment("example-prod", Workloads.WebTrigger.Replace("example:latest", "example:prod", StringComparison.Ordinal)));
        var promote = await RunAsync("promote", "example:latest", "example:prod", "--trigger", "patch", "--kubeconfig", sim.Kubeconfig, "--timeout", "90s", "-o", "json");
        Assert.Equal(digest, (string?)JsonNode.Parse(promote.EnsureSuccess().Stdout)!["digest"]);
        Assert.Equal($"{repository}@{digest}", Workloads.Image(sim.Get(ResourceTypes.Deployments, "example-prod")));
        var prod = sim.Get(ResourceTypes.ImageStreams, "example")["status"]!["tags"]!.AsArray().Single(t => (string?)t!["tag"] == "prod")!;
        Assert.Equal(digest, (string?)prod["items"]![0]!["image"]);
    }

    private Task<CliResult> RunAsync(params string[] args) =>
        ImageRollCli.RunProcessAsync(CliHost.Native, new Dictionary<string, string?> { ["HOME"] = _dir, ["GITHUB_ACTIONS"] = string.Empty, ["JENKINS_URL"] = string.Empty }, args);
}
