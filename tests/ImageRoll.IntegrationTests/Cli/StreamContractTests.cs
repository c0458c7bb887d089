using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using ImageRoll.ClusterSimulator.Store;
using ImageRoll.IntegrationTests.Faults;
using ImageRoll.IntegrationTests.Infrastructure;
using ImageRoll.IntegrationTests.OpenShift;
using ImageRoll.IntegrationTests.Registry;

namespace ImageRoll.IntegrationTests.Cli;

/// <summary>
/// "stdout is results only" (issue 12, class 9; docs/errors.md, "stdout and stderr"), per command family, with the
/// real imageroll process against the real registry and the simulated cluster (a <see cref="FaultProxy"/> that never
/// answers for the timeouts): for success, bad input (exit 2), not found or failed (exit 3) and timeout (exit 5),
/// in text mode stdout holds only the result (nothing at all when the command failed) and the error is on stderr;
/// with <c>-o json</c> stdout is exactly one JSON document whose exitCode is the process's and whose error code is
/// the one on stderr. Never a stack trace.
/// </summary>
public sealed partial class StreamContractTests : IAsyncLifetime
{
    private const string Missing = "sha256:5555555555555555555555555555555555555555555555555555555555555555";
    private readonly string _home = Directory.CreateTempSubdirectory("imageroll-streams-").FullName;
    private ClusterFaultEnv _cluster = null!;
    private RegistryFaultEnv _registry = null!;

    private static string Plain => RegistryTestEnv.Plain;

    public async ValueTask InitializeAsync()
    {
        _cluster = await ClusterFaultEnv.StartAsync(https: false);
        _registry = RegistryFaultEnv.Start();
        _registry.Proxy.Add(new FaultRule(FaultAction.Blackhole, times: -1));
    }

    public async ValueTask DisposeAsync()
    {
        await _cluster.DisposeAsync();
        await _registry.DisposeAsync();
        try
        {
            Directory.Delete(_home, recursive: true);
        }
        catch (IOException)
        {
        }
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public async Task Registry_commands_resolve_push_copy_and_build(bool json)
    {
        var image = await TestImages.PushAsync(Plain, RegistryTestEnv.UniqueRepo("streams"), cancellationToken: TestContext.Current.CancellationToken);
        var repo = image[..image.IndexOf('@', StringComparison.Ordinal)];
        var layout = new OciLayoutWriter(Path.Combine(_home, $"layout-{json}"));
        layout.WriteLayoutIndex(layout.WriteSmallImage(seed: json ? 7 : 8));
        var silent = _registry.Registry;

        await Expect(json, 0, null, "resolve", image, "--insecure-registry", Plain);
        await Expect(json, 2, "IR2103", "resolve", "Bad Ref");
        await Expect(json, 3, "IR1004", "resolve", $"{repo}@{Missing}", "--insecure-registry", Plain);
        await Expect(json, 5, "IR2005", "resolve", $"{silent}/x/y:v1", "--insecure-registry", silent, "--timeout", "2s");

        await Expect(json, 0, null, "push", layout.Directory, "--image", $"{Plain}/{RegistryTestEnv.UniqueRepo("streams-push")}:v1", "--insecure-registry", Plain);
        await Expect(json, 2, null, "push", Path.Combine(_home, "no-such-archive"), "--image", $"{Plain}/x/y:v1", "--insecure-registry", Plain);
        await Expect(json, 3, "IR1000", "push", layout.Directory, "--image", "127.0.0.1:1/x/y:v1", "--insecure-registry", "127.0.0.1:1", "--timeout", "30s");
        await Expect(json, 5, "IR2005", "push", layout.Directory, "--image", $"{silent}/x/y:v1", "--insecure-registry", silent, "--timeout", "2s");

        var destination = $"{Plain}/{RegistryTestEnv.UniqueRepo("streams-copy")}:v1";
        await Expect(json, 0, null, "copy", image, destination, "--insecure-registry", Plain);
        await Expect(json, 2, null, "copy", image, "Bad Ref", "--insecure-registry", Plain);
        await Expect(json, 3, "IR1004", "copy", $"{repo}@{Missing}", destination, "--insecure-registry", Plain);
        await Expect(json, 5, "IR2005", "copy", image, $"{silent}/x/y:v1", "--insecure-registry", Plain, "--insecure-registry", silent, "--timeout", "2s");

        await Expect(json, 0, null, "build", "--builder", "existing", "--image", image, "--insecure-registry", Plain);
        await Expect(json, 2, "IR2000", "build");
        await Expect(json, 3, "IR1206", "build", "--builder", "existing", "--image", $"{repo}@{Missing}", "--insecure-registry", Plain);
        await Expect(json, 5, "IR2005", "build", "--builder", "existing", "--image", $"{silent}/x/y:v1", "--insecure-registry", silent, "--timeout", "2s");
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public async Task Cluster_commands_tag_status_and_rollout(bool json)
    {
        var image = await TestImages.PushAsync(Plain, RegistryTestEnv.UniqueRepo("streams"), cancellationToken: TestContext.Current.CancellationToken);
        var repo = image[..image.IndexOf('@', StringComparison.Ordinal)];
        var name = $"web-{json.ToString().ToLowerInvariant()}";
        _cluster.Create(ResourceTypes.Deployments, Deployment(name, image));
        var k = _cluster.Kubeconfig;

        await Expect(json, 0, null, "tag", image, $"s{name}:t1", "--create-stream", "--insecure-registry", Plain, "--kubeconfig", k, "--timeout", "60s");
        await Expect(json, 2, "IR3205", "tag", $"{repo}:latest", $"s{name}:t1", "--kubeconfig", k);
        await Expect(json, 3, "IR1004", "tag", $"{repo}@{Missing}", $"s{name}:t2", "--create-stream", "--insecure-registry", Plain, "--kubeconfig", k);

        await Expect(json, 0, null, "status", $"deployment/{name}", "--watch", "--kubeconfig", k, "--timeout", "60s");
        await Expect(json, 2, "IR2010", "status", "web", "--kubeconfig", k);
        await Expect(json, 3, "IR4004", "status", "deployment/ghost", "--kubeconfig", k);
        await Expect(json, 3, "IR4004", "status", "deployment/ghost", "--watch", "--kubeconfig", k, "--timeout", "60s");

        await Expect(json, 0, null, "rollout", $"deployment/{name}", "--image", image, "--no-wait", "--kubeconfig", k);
        await Expect(json, 2, "IR3350", "rollout", $"deployment/{name}", "--kubeconfig", k);
        await Expect(json, 3, "IR3101", "rollout", "deployment/ghost", "--image", image, "--kubeconfig", k);

        // The API server stops answering: every cluster command ends at its --timeout with exit 5.
        _cluster.Proxy.Add(new FaultRule(FaultAction.Blackhole, times: -1));
        await Expect(json, 5, null, "tag", image, $"s{name}:t3", "--insecure-registry", Plain, "--kubeconfig", k, "--timeout", "3s");
        await Expect(json, 5, null, "status", $"deployment/{name}", "--watch", "--kubeconfig", k, "--timeout", "3s");
        await Expect(json, 5, null, "rollout", $"deployment/{name}", "--image", image, "--kubeconfig", k, "--timeout", "3s");
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public async Task Release_and_promote(bool json)
    {
        var image = await TestImages.PushAsync(Plain, RegistryTestEnv.UniqueRepo("streams"), cancellationToken: TestContext.Current.CancellationToken);
        var repo = image[..image.IndexOf('@', StringComparison.Ordinal)];
        var k = _cluster.Kubeconfig;
        string[] common = ["--stream", "rel:t1", "--workload", "deployment/ghost", "--trigger", "patch", "--insecure-registry", Plain, "--kubeconfig", k];

        _cluster.Create(ResourceTypes.Deployments, Deployment($"rel-{json.ToString().ToLowerInvariant()}", image));
        await Expect(json, 0, null, ["release", "--image", image, "--dry-run", "--stream", "rel:t1", "--create-stream", "--workload", $"deployment/rel-{json.ToString().ToLowerInvariant()}",
            "--trigger", "patch", "--insecure-registry", Plain, "--kubeconfig", k]);
        await Expect(json, 2, null, ["release", "--image", "Bad Ref", .. common]);
        await Expect(json, 2, "IR2000", "release", "--bogus");
        await Expect(json, 3, "IR1004", ["release", "--image", $"{repo}@{Missing}", .. common]);
        await Expect(json, 2, "IR2000", "promote", "a:t1");
        await Expect(json, 3, "IR3202", "promote", "nosuch:t1", "other:t1", "--kubeconfig", k); // a missing stream: exit 3, as for tag

        _cluster.Proxy.Add(new FaultRule(FaultAction.Blackhole, times: -1));
        await Expect(json, 5, null, ["release", "--image", image, "--timeout", "3s", .. common]);
        await Expect(json, 5, null, "promote", "nosuch:t1", "other:t1", "--kubeconfig", k, "--timeout", "3s");
    }

    /// <summary>Runs the real process and checks the stream contract for one outcome.</summary>
    private async Task Expect(bool json, int exit, string? code, params string[] args)
    {
        var run = await ImageRollCli.RunProcessAsync(new Dictionary<string, string?> { ["HOME"] = _home, ["GITHUB_ACTIONS"] = string.Empty, ["JENKINS_URL"] = string.Empty },
            json ? [.. args, "-o", "json"] : args);
        var what = $"imageroll {string.Join(' ', args)}{(json ? " -o json" : string.Empty)}\nexit {run.ExitCode}\nstdout: {run.Stdout}\nstderr: {run.Stderr}";
        Assert.True(run.ExitCode == exit, $"expected exit {exit}: {what}");
        Assert.DoesNotContain("Unhandled exception", run.Stderr, StringComparison.Ordinal);
        Assert.DoesNotMatch(StackFrame(), run.Stderr);
        var errorCodes = ErrorLine().Matches(run.Stderr).Select(m => m.Groups[1].Value).ToList();
        if (exit == 0)
        {
            Assert.True(errorCodes.Count == 0, $"an error line on success: {what}");
        }
        else
        {
            Assert.True(errorCodes.Count == 1, $"expected one error line on stderr: {what}");
            if (code is not null)
            {
                Assert.True(errorCodes[0] == code, $"expected {code}: {what}");
            }
        }

        if (json)
        {
            // Exactly one document: JsonDocument.Parse refuses anything after it.
            using var doc = JsonDocument.Parse(run.Stdout);
            var root = JsonNode.Parse(run.Stdout)!.AsObject();
            Assert.True((int?)root["exitCode"] == run.ExitCode, $"the document's exitCode: {what}");
            Assert.True(((string?)root["error"]?["code"]) == (exit == 0 ? null : errorCodes[0]), $"the document's error code: {what}");
        }
        else if (exit == 0)
        {
            Assert.False(string.IsNullOrWhiteSpace(run.Stdout), $"no result on stdout: {what}");
            Assert.DoesNotContain("error", run.Stdout, StringComparison.OrdinalIgnoreCase);
            foreach (var line in run.Stdout.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
            {
                Assert.True(!run.Stderr.Split('\n').Any(l => l.Trim() == line), $"'{line}' is on both stdout and stderr: {what}");
            }
        }
        else
        {
            Assert.True(run.Stdout.Length == 0, $"failure text on stdout: {what}");
        }
    }

    /// <summary>A Deployment of no replicas (rolled out as soon as the controller sees it), following rel:t1 as an OpenShift trigger.</summary>
    private static JsonObject Deployment(string name, string image) => JsonNode.Parse("""
        {"apiVersion":"apps/v1","kind":"Deployment","metadata":{"name":"NAME","namespace":"default",
          "annotations":{"image.openshift.io/triggers":"[{\"from\":{\"kind\":\"ImageStreamTag\",\"name\":\"rel:t1\"},\"fieldPath\":\"spec.template.spec.containers[?(@.name==\\\"web\\\")].image\"}]"}},
         "spec":{"replicas":0,"selector":{"matchLabels":{"app":"NAME"}},
                 "template":{"metadata":{"labels":{"app":"NAME"}},"spec":{"containers":[{"name":"web","image":"IMAGE"}]}}}}
        """.Replace("NAME", name, StringComparison.Ordinal).Replace("IMAGE", image, StringComparison.Ordinal))!.AsObject();

    [GeneratedRegex(@"^error (IR\d{4}):", RegexOptions.Multiline)]
    private static partial Regex ErrorLine();

    [GeneratedRegex(@"^\s+at \S+\(", RegexOptions.Multiline)]
    private static partial Regex StackFrame();
}
