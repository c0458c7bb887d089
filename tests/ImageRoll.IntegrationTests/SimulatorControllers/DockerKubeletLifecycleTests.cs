using ImageRoll.ClusterSimulator.Controllers.Kubelet;
using ImageRoll.ClusterSimulator.Hosting;
using ImageRoll.IntegrationTests.Build;
using ImageRoll.IntegrationTests.Infrastructure;
using static ImageRoll.IntegrationTests.SimulatorControllers.DockerKubeletSession;

namespace ImageRoll.IntegrationTests.SimulatorControllers;

/// <summary>The docker kubelet's containers live exactly as long as their pods and their simulator; the host's flags.</summary>
public sealed class DockerKubeletLifecycleTests
{
    [Fact]
    public async Task Containers_are_removed_with_their_pods_and_when_the_simulator_stops()
    {
        var image = await KubeletImages.WebAsync("v1");
        var sim = await StartAsync();
        string second;
        try
        {
            await sim.ApplyAsync(PodManifest("first", image));
            var first = await WaitForPodAsync(sim, "first", p => Container(p)?["state"]?["running"] is not null, "pod first running");
            var uid = (string)first["metadata"]!["uid"]!;
            Assert.Single(await ContainersOfPodAsync(uid));

            (await sim.KubectlAsync("delete", "pod", "first", "--wait=false")).EnsureSuccess("kubectl delete pod");
            await WaitUntilAsync(async () => (await ContainersOfPodAsync(uid)).Count == 0, $"the containers of deleted pod {uid} to go");

            await sim.ApplyAsync(PodManifest("second", image));
            second = (string)(await WaitForPodAsync(sim, "second", p => Container(p)?["state"]?["running"] is not null, "pod second running"))["metadata"]!["uid"]!;
            Assert.Single(await ContainersOfPodAsync(second));
        }
        finally
        {
            await sim.DisposeAsync();
        }

        Assert.Empty(await ContainersOfPodAsync(second));
    }

    [Fact]
    public async Task A_changed_image_on_a_running_pod_replaces_its_container()
    {
        var v1 = await KubeletImages.WebAsync("v1");
        var v2 = await KubeletImages.WebAsync("v2");
        await using var sim = await StartAsync();
        await sim.ApplyAsync(PodManifest("swap", v1));
        await WaitForPodAsync(sim, "swap", p => Container(p)?["state"]?["running"] is not null, "pod swap running");

        (await sim.KubectlAsync("set", "image", "pod/swap", $"web={v2}")).EnsureSuccess("kubectl set image");

        var pod = await WaitForPodAsync(sim, "swap", p => (string?)Container(p)?["imageID"] == $"docker-pullable://{v2}" && Container(p)?["state"]?["running"] is not null, "the v2 container running");
        Assert.Equal(1, (int)Container(pod)!["restartCount"]!);
        Assert.Contains("Normal Killing Container web definition changed, will be restarted", Events(sim, "swap"), StringComparison.Ordinal);
        var uid = (string)pod["metadata"]!["uid"]!;
        Assert.Single(await ContainersOfPodAsync(uid, includeExited: false));
        Assert.Equal(2, (await ContainersOfPodAsync(uid)).Count); // the replaced one is kept for docker logs, as the kubelet keeps one
        using var http = new HttpClient { Timeout = TimeSpan.FromSeconds(5) };
        await WaitUntilAsync(async () => await TryGetAsync(http, $"http://{Published(pod, 8080)}/") == "hello from v2\n", "v2 to answer on the same published port");
    }

    [Fact]
    public async Task Containers_left_by_a_simulator_that_died_are_removed_when_a_docker_kubelet_starts()
    {
        var busybox = await BaseImages.BusyboxAsync();
        (await Docker("pull", "-q", busybox)).EnsureSuccess("docker pull");
        var uid = Guid.NewGuid().ToString();
        // pid 999999999 is above any pid_max: its owner can never be alive.
        (await Docker("create", "--label", "imageroll.simulator=0123456789ab", "--label", "imageroll.simulator.owner=999999999/1",
            "--label", $"io.kubernetes.pod.uid={uid}", busybox)).EnsureSuccess("docker create");
        Assert.Single(await ContainersOfPodAsync(uid));

        await using var sim = await StartAsync();

        await WaitUntilAsync(async () => (await ContainersOfPodAsync(uid)).Count == 0, "the orphaned container to be removed");
    }

    [Fact]
    public void Host_flags_choose_the_kubelet_and_the_docker_socket()
    {
        var parsed = HostArguments.Parse(["--kubelet", "docker", "--docker-host", "unix:///run/other.sock"]);
        Assert.Equal(KubeletMode.Docker, parsed.Options.Kubelet);
        Assert.Equal("unix:///run/other.sock", parsed.Options.DockerHost);
        Assert.Equal(KubeletMode.StandIn, HostArguments.Parse([]).Options.Kubelet);

        Assert.Equal("--kubelet: 'podman' is not a kubelet (use stand-in or docker)",
            Assert.Throws<ArgumentException>(() => HostArguments.Parse(["--kubelet", "podman"])).Message);
        Assert.Equal("--docker-host: 'tcp://127.0.0.1:2375' is not a unix socket (use unix:///var/run/docker.sock)",
            Assert.Throws<ArgumentException>(() => HostArguments.Parse(["--docker-host", "tcp://127.0.0.1:2375"])).Message);
    }

    [Fact]
    public async Task Host_refuses_to_start_the_docker_kubelet_without_a_daemon()
    {
        var configuration = AppContext.BaseDirectory.Contains("/Debug/", StringComparison.Ordinal) ? "Debug" : "Release";
        var dll = Path.Combine(TestServices.RepoRoot, "tests", "ImageRoll.ClusterSimulator", "bin", configuration, "net10.0", "ImageRoll.ClusterSimulator.dll");
        var socket = Path.Combine(Path.GetTempPath(), $"imageroll-no-docker-{Guid.NewGuid():N}.sock");

        var run = await ExternalTool.RunAsync("dotnet", [dll, "--port", "0", "--kubelet", "docker", "--docker-host", "unix://" + socket], timeout: TimeSpan.FromSeconds(60), cancellationToken: TestContext.Current.CancellationToken);

        Assert.Equal(2, run.ExitCode);
        Assert.Contains($"error: --kubelet docker: cannot reach Docker at unix://{socket}", run.Stderr, StringComparison.Ordinal);
        Assert.Contains("hint: start the daemon", run.Stderr, StringComparison.Ordinal);
    }

    private static string PodManifest(string name, string image) => $$$"""
        apiVersion: v1
        kind: Pod
        metadata: {name: {{{name}}}, labels: {app: {{{name}}}}}
        spec:
          terminationGracePeriodSeconds: 0
          containers:
          - {name: web, image: "{{{image}}}", ports: [{containerPort: 8080}]}
        """;

    private static async Task WaitUntilAsync(Func<Task<bool>> condition, string what)
    {
        var deadline = DateTime.UtcNow.AddSeconds(30);
        while (!await condition())
        {
            Assert.True(DateTime.UtcNow < deadline, $"timed out waiting for {what}");
            await Task.Delay(100, TestContext.Current.CancellationToken);
        }
    }

    private static async Task<string?> TryGetAsync(HttpClient http, string url)
    {
        try
        {
            return await http.GetStringAsync(new Uri(url), TestContext.Current.CancellationToken);
        }
        catch (HttpRequestException)
        {
            return null;
        }
    }

    private static Task<ToolResult> Docker(params string[] args) =>
        ExternalTool.RunAsync("docker", args, environment: new Dictionary<string, string> { ["DOCKER_HOST"] = TestServices.DockerHostUnix });
}
