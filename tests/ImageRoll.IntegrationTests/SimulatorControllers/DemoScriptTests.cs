using System.Text.RegularExpressions;
using ImageRoll.IntegrationTests.Infrastructure;

namespace ImageRoll.IntegrationTests.SimulatorControllers;

/// <summary>
/// The main job, build/demo.sh, run as the test suite runs it (after build/test.sh's Release build): samples/HelloWeb
/// released by `dotnet publish` and then by the installed tool to the four workloads of samples/manifests, running as
/// real containers of the docker kubelet, answering with each version over HTTP; nothing it started left behind.
/// </summary>
public sealed partial class DemoScriptTests
{
    [Fact]
    public async Task Demo_releases_the_sample_from_dotnet_publish_and_from_the_installed_tool_and_the_app_answers_with_the_new_version()
    {
        _ = TestServices.Registry; // the script reuses the test registry and Docker daemon (and leaves them running)
        _ = TestServices.DockerHostUnix;

        var run = await ExternalTool.RunAsync("bash", [Path.Combine(TestServices.RepoRoot, "build", "demo.sh"), "--no-build"],
            timeout: TimeSpan.FromMinutes(12), cancellationToken: TestContext.Current.CancellationToken);

        var log = run.Stderr;
        Assert.True(run.ExitCode == 0, $"build/demo.sh exited {run.ExitCode}\nstdout:\n{run.Stdout}\nstderr:\n{log}");
        Assert.Contains("demo: OK", log, StringComparison.Ordinal);
        var steps = StepHeader().Matches(log).Select(m => m.Groups["what"].Value).ToList();
        Assert.Equal(12, steps.Count);
        Assert.StartsWith("dotnet publish -p:ImageRollEnabled=true", steps[6], StringComparison.Ordinal);
        Assert.StartsWith("imageroll release", steps[9], StringComparison.Ordinal);

        // dotnet publish: the SDK pushed 1.0.0 and ImageRoll followed the four rollouts the triggers started.
        var publish = Section(log, 7);
        Assert.Contains("Pushed image 'demo/helloweb:1.0.0'", publish, StringComparison.Ordinal);
        foreach (var workload in new[] { "deployment/example", "statefulset/example-db", "daemonset/example-agent", "deploymentconfig/example-dc" })
        {
            Assert.Matches($@"ImageRoll: {workload} succeeded in [0-9.]+s: ", publish);
        }

        Assert.Contains("4/4 workloads rolled out", publish, StringComparison.Ordinal);
        Assert.Equal(6, Regex.Count(publish, @"curl http://127\.0\.0\.1:\d+/  ->  Hello from ImageRoll's sample \(1\.0\.0\)"));

        // The installed tool: built and pushed 2.0.0, patched the four workloads itself, each rollout succeeded.
        var release = Section(log, 10);
        Assert.Contains("tools/imageroll release --image ", release, StringComparison.Ordinal);
        Assert.Matches(@"image done in [0-9.]+s: built and pushed 127\.0\.0\.1:\d+/demo/helloweb@sha256:[0-9a-f]{64}", release);
        foreach (var workload in new[] { "deployment/example", "statefulset/example-db", "daemonset/example-agent", "deploymentconfig/example-dc" })
        {
            Assert.Contains($"stdout: {workload} succeeded: ", release, StringComparison.Ordinal);
        }

        Assert.Contains("release succeeded", release, StringComparison.Ordinal);

        // Every pod of the four workloads answers with the new version on its published port.
        Assert.Equal(6, Regex.Count(Section(log, 11), @"curl http://127\.0\.0\.1:\d+/  ->  Hello from ImageRoll's sample \(2\.0\.0\)"));
        Assert.Contains("deploymentconfig.apps.openshift.io/example-dc", Section(log, 12), StringComparison.Ordinal);

        // Stopped what it started: the simulator's containers and this run's packages.
        var pid = SimulatorPid().Match(log).Groups["pid"].Value;
        var owners = await ExternalTool.RunAsync("docker", ["ps", "-a", "--filter", "label=imageroll.simulator.owner", "--format", "{{.Label \"imageroll.simulator.owner\"}}"],
            environment: new Dictionary<string, string> { ["DOCKER_HOST"] = TestServices.DockerHostUnix }, cancellationToken: TestContext.Current.CancellationToken);
        owners.EnsureSuccess("docker ps");
        Assert.DoesNotContain(owners.Stdout.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries), o => o.StartsWith(pid + "/", StringComparison.Ordinal));
        var version = PackVersion().Match(log).Groups["version"].Value;
        Assert.Empty(Directory.GetFiles(Path.Combine(TestServices.RepoRoot, "nuget", "packages"), $"*.{version}.nupkg"));
    }

    /// <summary>What step <paramref name="n"/> printed, up to the next step.</summary>
    private static string Section(string log, int n)
    {
        var start = log.IndexOf($"==> [{n}] ", StringComparison.Ordinal);
        Assert.True(start >= 0, $"no step {n} in the demo's output");
        var end = log.IndexOf($"==> [{n + 1}] ", start, StringComparison.Ordinal);
        return end < 0 ? log[start..] : log[start..end];
    }

    [GeneratedRegex(@"^==> \[\d+\] (?<what>.*)$", RegexOptions.Multiline)]
    private static partial Regex StepHeader();

    [GeneratedRegex(@"\(pid (?<pid>\d+)\); pods run as Docker containers")]
    private static partial Regex SimulatorPid();

    [GeneratedRegex(@"pack ImageRoll\.Tool and ImageRoll\.Tasks (?<version>\S+) ")]
    private static partial Regex PackVersion();
}
