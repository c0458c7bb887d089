using System.IO.Compression;
using System.Text;
using System.Text.Json;
using ImageRoll.IntegrationTests.Build;
using ImageRoll.IntegrationTests.Infrastructure;
using ImageRoll.Tasks.Tests.Infrastructure;

namespace ImageRoll.Tasks.Tests.EndToEnd;

/// <summary>
/// `dotnet publish -p:ImageRollEnabled=true` as a user runs it, out of process: the packed package from
/// nuget/packages, the SDK's PublishContainer pushing samples/HelloWeb to the real registry, ImageRoll releasing it to
/// the simulated cluster. skopeo and kubectl are the independent witnesses of what happened.
/// </summary>
public sealed class PublishReleaseTests(PublishFixture fixture) : IClassFixture<PublishFixture>
{
    [Fact]
    public async Task Wait_mode_publishes_tags_and_the_trigger_rolls_out_the_new_digest()
    {
        await fixture.Cluster.ApplyAsync(PublishFixture.ImageStream("hello-wait"));
        await fixture.Cluster.ApplyAsync(PublishFixture.Deployment("hello-wait", fixture.BaseImage, "hello-wait"));
        var tag = NewTag();

        var (result, outputs) = await PublishAsync(fixture.Cluster, tag, ("ImageRollImageStream", "hello-wait:latest"), ("ImageRollTrigger", "wait"));

        result.EnsureSuccess("dotnet publish");
        var digest = await Skopeo.DigestAsync($"{TestServices.Registry}/e2e/helloweb:{tag}");
        var digestReference = $"{TestServices.Registry}/e2e/helloweb@{digest}";
        Assert.Equal(digestReference, outputs["DigestReference"]);
        Assert.Equal("default/hello-wait:latest", outputs["StreamTag"]);
        Assert.Equal("Succeeded", outputs["Status"]);
        var workload = Assert.Single(outputs.Workloads);
        Assert.Equal(["deployment/hello-wait", "Succeeded", "ControllerUpdated"], workload[..3]);
        // The cluster's trigger wrote the stream's resolved pull spec, and the rollout finished with it.
        Assert.Equal(outputs["PullSpec"], await fixture.Cluster.JsonPathAsync("deployment/hello-wait", "{.spec.template.spec.containers[0].image}"));
        Assert.EndsWith("@" + digest, outputs["PullSpec"], StringComparison.Ordinal);
        Assert.Equal("2", await fixture.Cluster.JsonPathAsync("deployment/hello-wait", "{.status.updatedReplicas}"));
        Assert.Equal("2", await fixture.Cluster.JsonPathAsync("deployment/hello-wait", "{.status.readyReplicas}"));
        Assert.Contains("Pushed image", result.Stdout, StringComparison.Ordinal);
        Assert.True(result.Stdout.IndexOf("Pushed image", StringComparison.Ordinal) < result.Stdout.IndexOf("ImageRoll: released", StringComparison.Ordinal), result.Stdout);
    }

    [Fact]
    public async Task Patch_mode_makes_the_triggers_change_itself_when_no_controller_does()
    {
        await fixture.PatchCluster.ApplyAsync(PublishFixture.ImageStream("hello-patch"));
        await fixture.PatchCluster.ApplyAsync(PublishFixture.Deployment("hello-patch", fixture.BaseImage, "hello-patch"));
        var tag = NewTag();

        var (result, outputs) = await PublishAsync(fixture.PatchCluster, tag,
            ("ImageRollImageStream", "hello-patch:latest"), ("ImageRollTrigger", "patch"), ("E2EWorkloads", "deployment/hello-patch"));

        result.EnsureSuccess("dotnet publish");
        var digest = await Skopeo.DigestAsync($"{TestServices.Registry}/e2e/helloweb:{tag}");
        Assert.Equal($"{TestServices.Registry}/e2e/helloweb@{digest}", outputs["DigestReference"]);
        var workload = Assert.Single(outputs.Workloads);
        Assert.Equal(["deployment/hello-patch", "Succeeded", "Patched"], workload[..3]);
        Assert.Equal(outputs["PullSpec"], await fixture.PatchCluster.JsonPathAsync("deployment/hello-patch", "{.spec.template.spec.containers[0].image}"));
        Assert.EndsWith("@" + digest, outputs["PullSpec"], StringComparison.Ordinal);
        Assert.Equal("2", await fixture.PatchCluster.JsonPathAsync("deployment/hello-patch", "{.status.readyReplicas}"));
    }

    [Fact]
    public async Task An_image_the_cluster_cannot_pull_fails_the_build_with_IR4xxx_evidence_and_the_binlog_holds_no_secret()
    {
        // Pushed with credentials to the TLS + basic-auth registry, which the simulated nodes cannot pull from: the
        // new pods never start. The SDK reads the login from a Docker config folder (as after `docker login`), ImageRoll
        // from IMAGEROLL_REGISTRY_*; the cluster token is in the kubeconfig. None of them may reach the binlog.
        await fixture.Cluster.ApplyAsync(PublishFixture.Deployment("hello-fail", fixture.BaseImage, stream: null));
        var tag = NewTag();
        var binlog = Path.Combine(fixture.Sample.Directory, $"fail-{tag}.binlog");
        var dockerConfig = Directory.CreateDirectory(Path.Combine(fixture.Sample.Directory, $"docker-{tag}")).FullName;
        var auth = Convert.ToBase64String(Encoding.UTF8.GetBytes($"{TestServices.AuthUser}:{TestServices.AuthPassword}"));
        await File.WriteAllTextAsync(Path.Combine(dockerConfig, "config.json"),
            JsonSerializer.Serialize(new { auths = new Dictionary<string, object> { [TestServices.AuthRegistry] = new { auth } } }), TestContext.Current.CancellationToken);
        var secrets = new Dictionary<string, string>
        {
            ["DOCKER_CONFIG"] = dockerConfig,
            ["IMAGEROLL_REGISTRY_USERNAME"] = TestServices.AuthUser,
            ["IMAGEROLL_REGISTRY_PASSWORD"] = TestServices.AuthPassword,
            ["IMAGEROLL_REGISTRY"] = TestServices.AuthRegistry,
            ["DOTNET_CONTAINER_INSECURE_REGISTRIES"] = $"{TestServices.Registry};{TestServices.AuthRegistry}",
        };

        var (result, _) = await PublishAsync(fixture.Cluster, tag, secrets, TestServices.AuthRegistry,
            ("E2EWorkloads", "deployment/hello-fail"), ("ImageRollGracePeriod", "3s"), ("ImageRollTimeout", "2m"),
            ("ImageRollRegistryCa", TestServices.RegistryCa), ("-bl", binlog));

        Assert.NotEqual(0, result.ExitCode);
        var error = result.Stdout.Split('\n').First(l => l.Contains("error IR4", StringComparison.Ordinal));
        Assert.Contains(fixture.Sample.ProjectFile + " : error IR4", error, StringComparison.Ordinal);
        var newPod = (await fixture.Cluster.KubectlAsync(null, "get", "pods", "-l", "app=hello-fail", "-o",
            "jsonpath={range .items[*]}{.metadata.name} {.spec.containers[0].image}{\"\\n\"}{end}")).Stdout
            .Split('\n', StringSplitOptions.RemoveEmptyEntries).Select(l => l.Split(' ')).First(p => p[1].StartsWith(TestServices.AuthRegistry, StringComparison.Ordinal))[0];
        var errors = string.Join('\n', result.Stdout.Split('\n').Where(l => l.Contains("error IR4", StringComparison.Ordinal)));
        Assert.Contains(newPod, errors, StringComparison.Ordinal);
        Assert.Matches("ErrImagePull|ImagePullBackOff", errors);
        Assert.Contains("failed to pull", errors, StringComparison.Ordinal);

        var token = File.ReadAllLines(fixture.Cluster.Kubeconfig).Select(l => l.Trim()).First(l => l.StartsWith("token:", StringComparison.Ordinal))["token:".Length..].Trim();
        Assert.True(token.Length >= 16, "the simulator's kubeconfig holds a bearer token");
        var replay = await ReplayAsync(binlog);
        // The replay holds the whole build (the release's error included) and the environment MSBuild recorded.
        Assert.Contains("error IR4", replay, StringComparison.Ordinal);
        Assert.Contains("Environment at start of build", replay, StringComparison.Ordinal);
        Assert.Contains("DOTNET_CONTAINER_INSECURE_REGISTRIES", replay, StringComparison.Ordinal);
        foreach (var secret in new[] { TestServices.AuthPassword, auth, token })
        {
            Assert.DoesNotContain(secret, replay, StringComparison.Ordinal);
            Assert.DoesNotContain(secret, DecompressedBinlog(binlog), StringComparison.Ordinal);
            Assert.DoesNotContain(secret, result.Stdout + result.Stderr, StringComparison.Ordinal);
        }
    }

    private static string NewTag() => "e2e-" + Guid.NewGuid().ToString("N")[..12];

    private Task<(ToolResult, ReleaseOutputs)> PublishAsync(TestCluster cluster, string tag, params (string, string)[] properties) =>
        PublishAsync(cluster, tag, new Dictionary<string, string> { ["DOTNET_CONTAINER_INSECURE_REGISTRIES"] = TestServices.Registry }, TestServices.Registry, properties);

    private async Task<(ToolResult, ReleaseOutputs)> PublishAsync(TestCluster cluster, string tag, IReadOnlyDictionary<string, string> environment, string registry, params (string Name, string Value)[] properties)
    {
        var outputs = Path.Combine(fixture.Sample.Directory, $"outputs-{tag}.txt");
        var args = new List<string>
        {
            "publish", "-c", "Release", "-p:ImageRollEnabled=true", $"-p:ContainerRegistry={registry}", "-p:ContainerRepository=e2e/helloweb",
            $"-p:ContainerImageTag={tag}", $"-p:ContainerBaseImage={fixture.BaseImage}", $"-p:ImageRollKubeconfig={cluster.Kubeconfig}",
            $"-p:E2EOutputs={outputs}", "-v:n",
        };
        args.AddRange(properties.Select(p => p.Name.StartsWith('-') ? $"{p.Name}:{p.Value}" : $"-p:{p.Name}={p.Value}"));
        var result = await fixture.Sample.DotnetAsync(args, environment);
        TestContext.Current.TestOutputHelper?.WriteLine(result.Stdout);
        return (result, ReleaseOutputs.Read(outputs));
    }

    /// <summary>The binlog replayed to a diagnostic text log by MSBuild itself: every message, property and item it recorded.</summary>
    private async Task<string> ReplayAsync(string binlog)
    {
        var log = binlog + ".txt";
        (await fixture.Sample.DotnetAsync("msbuild", binlog, "-noconlog", $"-flp:v=diag;logfile={log}")).EnsureSuccess("replaying the binlog");
        return await File.ReadAllTextAsync(log, TestContext.Current.CancellationToken);
    }

    /// <summary>The binlog's raw records (gzip), where strings are stored as UTF-8.</summary>
    internal static string DecompressedBinlog(string binlog)
    {
        using var gzip = new GZipStream(File.OpenRead(binlog), CompressionMode.Decompress);
        using var memory = new MemoryStream();
        gzip.CopyTo(memory);
        return Encoding.UTF8.GetString(memory.ToArray());
    }
}
