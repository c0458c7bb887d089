using System.Text.Json.Nodes;
using ImageRoll.IntegrationTests.Registry;
using static ImageRoll.IntegrationTests.SimulatorControllers.DockerKubeletSession;

namespace ImageRoll.IntegrationTests.SimulatorControllers;

/// <summary>
/// The docker kubelet (<c>--kubelet docker</c>): pods of the simulated cluster run as real containers through the
/// one Docker daemon, pulled from the real registry; states, exits, restarts and probes come from them; ports are
/// published on 127.0.0.1. Judged by the real kubectl, ImageRoll's engine and plain HTTP to the published ports.
/// </summary>
public sealed class DockerKubeletTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task A_good_image_becomes_Ready_and_answers_on_its_published_port()
    {
        // An image no other test runs, so that it is not on the daemon yet: the kubelet really pulls it.
        var image = await KubeletImages.WebAsync("fresh");
        await using var sim = await StartAsync();
        await sim.ApplyAsync(Deployment("web", image, replicas: 2, probes: "readinessProbe: {httpGet: {path: /healthz, port: 8080}, periodSeconds: 1}"));

        (await sim.KubectlAsync("rollout", "status", "deployment/web", "--timeout=90s")).EnsureSuccess("kubectl rollout status");

        var pods = sim.Pods("app", "web");
        Assert.Equal(2, pods.Count);
        using var http = new HttpClient { Timeout = TimeSpan.FromSeconds(5) };
        foreach (var pod in pods)
        {
            var address = Published(pod, 8080);
            Assert.Matches(@"^127\.0\.0\.1:\d+$", address);
            Assert.Equal("hello from fresh\n", await http.GetStringAsync(new Uri($"http://{address}/"), Ct));
            var c = Container(pod)!;
            Assert.True((bool)c["ready"]!);
            Assert.NotNull(c["state"]!["running"]);
            Assert.StartsWith("docker://", (string?)c["containerID"], StringComparison.Ordinal);
            Assert.Equal($"docker-pullable://{image}", (string?)c["imageID"]);
            Assert.Equal("127.0.0.1", (string?)pod["status"]!["podIP"]);
            var events = Events(sim, (string)pod["metadata"]!["name"]!);
            Assert.Contains("Normal Created Created container: web", events, StringComparison.Ordinal);
            Assert.Contains("Normal Started Started container web", events, StringComparison.Ordinal);
        }

        Assert.NotEqual(Published(pods[0], 8080), Published(pods[1], 8080));
        var all = string.Join('\n', pods.Select(p => Events(sim, (string)p["metadata"]!["name"]!)));
        Assert.Contains($"Normal Pulling Pulling image \"{image}\"", all, StringComparison.Ordinal);
        Assert.Matches($@"Normal Pulled Successfully pulled image ""{System.Text.RegularExpressions.Regex.Escape(image)}"" in [0-9.]+m?s \([0-9.]+m?s including waiting\)\. Image size: [1-9][0-9]* bytes\.", all);
    }

    [Fact]
    public async Task A_crashing_app_fails_the_rollout_with_its_real_exit_code_in_the_evidence()
    {
        var good = await KubeletImages.WebAsync("v1");
        var crashing = await KubeletImages.CrashingAsync(3);
        // A crash-looping container is briefly Running (not ready) after each restart, as on a real node; Docker takes
        // about half a second to start one here. A back-off longer than the grace period keeps the engine's deadline
        // inside a CrashLoopBackOff wait (real back-offs start at 10s), so the evidence names the crash.
        await using var sim = await StartAsync(SimulatorSession.FastTimings with { CrashLoopBackOff = TimeSpan.FromSeconds(3) });
        // With a readiness probe, as a real app has: without one a container is Ready the moment it starts, and a
        // rollout may complete before the crash (on a real cluster too).
        await sim.ApplyAsync(Deployment("app", good, replicas: 1, probes: "readinessProbe: {httpGet: {path: /healthz, port: 8080}, periodSeconds: 1}"));
        (await sim.KubectlAsync("rollout", "status", "deployment/app", "--timeout=90s")).EnsureSuccess("first rollout");

        var result = await ImageRollCli.RunAsync(new Dictionary<string, string?>(),
            "rollout", "deployment/app", "--image", crashing, "--grace-period", "3s", "--timeout", "90s", "--output", "json",
            "--kubeconfig", sim.Kubeconfig, "-n", "default");

        Assert.True(result.ExitCode == 4, $"imageroll exited {result.ExitCode}\n{result.Stdout}\n{result.Stderr}");
        var doc = JsonNode.Parse(result.Stdout)!;
        Assert.Equal("IR4002", (string?)doc["error"]!["code"]);
        var evidence = doc["rollout"]!["workloads"]![0]!["evidence"]!;
        Assert.Equal("CrashLoopBackOff", (string?)evidence["reason"]);
        Assert.Contains("last exit code 3 (Error)", (string?)evidence["message"], StringComparison.Ordinal);
        Assert.Contains("restarting failed container=app pod=app-", (string?)evidence["message"], StringComparison.Ordinal);
        var crashed = sim.Pods("app", "app").Single(p => (string?)p["spec"]!["containers"]![0]!["image"] == crashing);
        Assert.Equal(3, (int)Container(crashed)!["lastState"]!["terminated"]!["exitCode"]!);
        Assert.True((int)Container(crashed)!["restartCount"]! >= 1);
    }

    [Fact]
    public async Task A_failing_readiness_probe_keeps_the_pod_unready_and_the_engine_says_ReadinessFailing()
    {
        var image = await KubeletImages.UnhealthyAsync();
        await using var sim = await StartAsync();
        await sim.ApplyAsync(Deployment("sick", image, replicas: 1, probes: "readinessProbe: {httpGet: {path: /cgi-bin/healthz, port: 8080}, periodSeconds: 1}"));

        var result = await ImageRollCli.RunAsync(new Dictionary<string, string?>(),
            "status", "deployment/sick", "--watch", "--timeout", "60s", "--grace-period", "3s", "--output", "json",
            "--kubeconfig", sim.Kubeconfig, "-n", "default");

        Assert.True(result.ExitCode == 4, $"imageroll exited {result.ExitCode}\n{result.Stdout}\n{result.Stderr}");
        var evidence = JsonNode.Parse(result.Stdout)!["workloads"]![0]!["evidence"]!;
        Assert.Equal("ReadinessFailing", (string?)evidence["reason"]);
        var pod = OnlyPod(sim, "sick");
        Assert.NotNull(Container(pod)!["state"]!["running"]);
        Assert.False((bool)Container(pod)!["ready"]!);
        Assert.Contains("Warning Unhealthy Readiness probe failed: HTTP probe failed with statuscode: 503", Events(sim, (string)pod["metadata"]!["name"]!), StringComparison.Ordinal);
        using var http = new HttpClient { Timeout = TimeSpan.FromSeconds(5) };
        Assert.Equal("up\n", await http.GetStringAsync(new Uri($"http://{Published(pod, 8080)}/"), Ct));
    }

    [Fact]
    public async Task A_failing_liveness_probe_kills_and_restarts_the_container_and_exec_probes_report_their_output()
    {
        var image = await KubeletImages.WebAsync("v1");
        await using var sim = await StartAsync();
        await sim.ApplyAsync(Deployment("flaky", image, replicas: 1, grace: 1, probes: """
            readinessProbe: {exec: {command: [sh, -c, "echo not ready yet; exit 1"]}, periodSeconds: 1}
                    livenessProbe: {tcpSocket: {port: 9090}, periodSeconds: 1, failureThreshold: 2}
            """));

        var pod = await WaitForPodAsync(sim, "flaky", p => (int?)Container(p)?["restartCount"] >= 1, "a restart after the liveness probe failed");

        var events = Events(sim, (string)pod["metadata"]!["name"]!);
        Assert.Contains("Warning Unhealthy Readiness probe failed: not ready yet", events, StringComparison.Ordinal);
        Assert.Matches(@"Warning Unhealthy Liveness probe failed: dial tcp 127\.0\.0\.1:\d+: connect: connection refused", events);
        Assert.Contains("Normal Killing Container web failed liveness probe, will be restarted", events, StringComparison.Ordinal);
        Assert.Matches(@"^127\.0\.0\.1:\d+$", Published(pod, 9090));
        var last = Container(pod)!["lastState"]!["terminated"]!;
        Assert.Equal("Error", (string?)last["reason"]);
        Assert.NotEqual(0, (int)last["exitCode"]!);
    }

    [Fact]
    public async Task Env_command_args_and_workingDir_come_from_the_pod_spec_and_restartPolicy_Never_ends_in_terminated()
    {
        var image = await KubeletImages.WebAsync("v1");
        await using var sim = await StartAsync();
        await sim.ApplyAsync(CheckPod("envcheck", image, """test "$FULL" = "hello world" && test "$POD" = envcheck && test "$(pwd)" = /tmp && test "$0" = "$(GREETING)" || exit 7"""));
        await sim.ApplyAsync(CheckPod("exits", image, "exit 7"));

        var passed = await WaitForPodAsync(sim, "envcheck", p => (string?)p["status"]?["phase"] is "Succeeded" or "Failed", "envcheck to end");
        var failed = await WaitForPodAsync(sim, "exits", p => (string?)p["status"]?["phase"] is "Succeeded" or "Failed", "exits to end");

        Assert.Equal("Succeeded", (string?)passed["status"]!["phase"]);
        Assert.Equal("Completed", (string?)Container(passed)!["state"]!["terminated"]!["reason"]);
        Assert.Equal("Failed", (string?)failed["status"]!["phase"]);
        Assert.Equal(7, (int)Container(failed)!["state"]!["terminated"]!["exitCode"]!);
        Assert.Equal("Error", (string?)Container(failed)!["state"]!["terminated"]!["reason"]);
        Assert.Equal(0, (int)Container(failed)!["restartCount"]!);
    }

    [Fact]
    public async Task A_missing_image_waits_in_ImagePullBackOff_with_the_daemons_pull_error()
    {
        await using var sim = await StartAsync();
        await sim.ApplyAsync(Deployment("ghost", TestImages.Missing, replicas: 1));

        var pod = await WaitForPodAsync(sim, "ghost", p => (string?)Container(p)?["state"]?["waiting"]?["reason"] == "ImagePullBackOff", "ImagePullBackOff");

        var events = Events(sim, (string)pod["metadata"]!["name"]!);
        Assert.Contains($"Warning Failed Failed to pull image \"{TestImages.Missing}\": rpc error: code = Unknown desc = Error response from daemon: manifest for {TestImages.Missing} not found", events, StringComparison.Ordinal);
        Assert.Contains("Warning Failed Error: ErrImagePull", events, StringComparison.Ordinal);
        Assert.Contains($"Normal BackOff Back-off pulling image \"{TestImages.Missing}\"", events, StringComparison.Ordinal);
        Assert.Equal("Pending", (string?)pod["status"]!["phase"]);
    }

    private static string Deployment(string name, string image, int replicas, string probes = "", int grace = 30) => $$$"""
        apiVersion: apps/v1
        kind: Deployment
        metadata: {name: {{{name}}}, labels: {app: {{{name}}}}}
        spec:
          replicas: {{{replicas}}}
          selector: {matchLabels: {app: {{{name}}}}}
          template:
            metadata: {labels: {app: {{{name}}}}}
            spec:
              terminationGracePeriodSeconds: {{{grace}}}
              containers:
              - name: {{{(name == "app" ? "app" : "web")}}}
                image: {{{image}}}
                ports: [{containerPort: 8080}]
                {{{probes}}}
        """;

    private static string Quoted(string singleQuotedYaml) => singleQuotedYaml.Replace("'", "''", StringComparison.Ordinal);

    private static string CheckPod(string name, string image, string script) => $$$"""
        apiVersion: v1
        kind: Pod
        metadata: {name: {{{name}}}, labels: {app: {{{name}}}}}
        spec:
          restartPolicy: Never
          containers:
          - name: check
            image: {{{image}}}
            workingDir: /tmp
            env:
            - {name: GREETING, value: hello}
            - {name: FULL, value: "$(GREETING) world"}
            - name: POD
              valueFrom: {fieldRef: {fieldPath: metadata.name} }
            command: [sh, -c]
            args: ['{{{Quoted(script)}}}', "$(GREETING)"]
        """;
}
