using ImageRoll.IntegrationTests.Build;
using ImageRoll.IntegrationTests.Infrastructure;
using ImageRoll.IntegrationTests.Registry;
using static ImageRoll.IntegrationTests.SimulatorControllers.DockerKubeletSession;

namespace ImageRoll.IntegrationTests.SimulatorControllers;

/// <summary>
/// The sample as the demo releases it, end to end on the docker kubelet: samples/HelloWeb published by the SDK onto
/// the local .NET base (build/base-images.sh) with a version, samples/manifests/deployment.yaml applied by kubectl,
/// ImageRoll rolls the image out, the readiness probe on /healthz passes, and the app answers with that version on
/// its published port. Slow (a real dotnet publish): the one test of its kind.
/// </summary>
public sealed class DockerKubeletHelloWebTests
{
    [Fact]
    public async Task HelloWeb_on_the_local_dotnet_base_rolls_out_and_answers_with_its_version()
    {
        var ct = TestContext.Current.CancellationToken;
        var image = await PublishHelloWebAsync("2.3.4");
        await using var sim = await StartAsync();
        (await sim.KubectlAsync("apply", "-f", Path.Combine(TestServices.RepoRoot, "samples", "manifests", "deployment.yaml"))).EnsureSuccess("kubectl apply");

        var rollout = await ImageRollCli.RunAsync(new Dictionary<string, string?>(),
            "rollout", "deployment/example", "--image", image, "--timeout", "120s", "--kubeconfig", sim.Kubeconfig, "-n", "default");

        Assert.True(rollout.ExitCode == 0, $"imageroll rollout exited {rollout.ExitCode}\n{rollout.Stdout}\n{rollout.Stderr}");
        var pods = sim.Pods("app", "example");
        Assert.Equal(2, pods.Count);
        using var http = new HttpClient { Timeout = TimeSpan.FromSeconds(5) };
        foreach (var pod in pods)
        {
            Assert.True((bool)Container(pod)!["ready"]!, pod.ToJsonString());
            Assert.Equal("Hello from ImageRoll's sample (2.3.4)\n", await http.GetStringAsync(new Uri($"http://{Published(pod, 8080)}/"), ct));
            Assert.Equal("ok\n", await http.GetStringAsync(new Uri($"http://{Published(pod, 8080)}/healthz"), ct));
        }
    }

    /// <summary>
    /// dotnet publish -t:PublishContainer of a copy of samples/HelloWeb (never in place: the sdk builder tests publish
    /// the original at the same time) with -p:Version; returns REG/kubelet/helloweb@sha256:....
    /// </summary>
    private static async Task<string> PublishHelloWebAsync(string version)
    {
        var baseImage = await BaseImages.DotnetAsync();
        var dir = Directory.CreateTempSubdirectory("imageroll-kubelet-helloweb-").FullName;
        try
        {
            var sample = Path.Combine(TestServices.RepoRoot, "samples", "HelloWeb");
            foreach (var file in Directory.GetFiles(sample).Where(f => f.EndsWith(".cs", StringComparison.Ordinal) || f.EndsWith(".csproj", StringComparison.Ordinal)))
            {
                File.Copy(file, Path.Combine(dir, Path.GetFileName(file)));
            }

            var tag = Guid.NewGuid().ToString("N")[..12];
            var repository = $"{TestServices.Registry}/kubelet/helloweb";
            var publish = await ExternalTool.RunAsync("dotnet",
                ["publish", Path.Combine(dir, "HelloWeb.csproj"), "-t:PublishContainer", "-c", "Release", "-nologo", "-tl:off", "-v:m", "-nodeReuse:false",
                 "-p:UseSharedCompilation=false", $"-p:Version={version}", $"-p:ContainerBaseImage={baseImage}",
                 $"-p:ContainerRegistry={TestServices.Registry}", "-p:ContainerRepository=kubelet/helloweb", $"-p:ContainerImageTags={tag}"],
                environment: new Dictionary<string, string> { ["DOTNET_CONTAINER_INSECURE_REGISTRIES"] = TestServices.Registry, ["DOTNET_CLI_TELEMETRY_OPTOUT"] = "1" },
                workingDirectory: dir, timeout: TimeSpan.FromMinutes(5), cancellationToken: TestContext.Current.CancellationToken);
            publish.EnsureSuccess("dotnet publish -t:PublishContainer");
            return $"{repository}@{await Skopeo.DigestAsync($"{repository}:{tag}")}";
        }
        finally
        {
            Directory.Delete(dir, recursive: true);
        }
    }
}
