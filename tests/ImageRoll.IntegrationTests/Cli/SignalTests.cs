using System.Diagnostics;
using System.Text;
using System.Text.Json.Nodes;
using ImageRoll.ClusterSimulator.Store;
using ImageRoll.IntegrationTests.Infrastructure;
using ImageRoll.IntegrationTests.OpenShift;
using ImageRoll.IntegrationTests.Registry;

namespace ImageRoll.IntegrationTests.Cli;

/// <summary>
/// SIGINT and SIGTERM to the real process while it waits on a rollout that cannot finish (the simulator's deployment
/// controller is off, so the Deployment is never observed): it stops within 2 s with exit 130 and
/// <c>error IR2099: Cancelled.</c>, and in json mode still writes its one document; a cancelled release also writes
/// its report files whole. The native AOT tool (<see cref="CliHost.Native"/>) handles signals the same way.
/// </summary>
public sealed class SignalTests
{
    private const string SIGINT = "INT";
    private const string SIGTERM = "TERM";

    [Theory]
    [InlineData(SIGINT, "text", CliHost.Portable)]
    [InlineData(SIGTERM, "json", CliHost.Portable)]
    [InlineData(SIGINT, "json", CliHost.Native)]
    [InlineData(SIGTERM, "text", CliHost.Native)]
    public async Task A_signal_cancels_the_wait_with_exit_130(string signal, string output, CliHost host)
    {
        await using var sim = await OpenShiftSim.StartAsync("deployment");
        Workloads.Put(sim, ResourceTypes.Deployments, Workloads.Deployment("stuck", triggers: null));
        var (exit, stdout, stderr) = await RunAndSignalAsync(host, signal, "Waiting for deployment",
            "status", "deployment/stuck", "--watch", "--timeout", "5m", "--kubeconfig", sim.Kubeconfig, "-o", output);
        Assert.True(exit == 130, $"exit {exit}\n{stderr}");
        Assert.Contains("error IR2099: Cancelled.", stderr, StringComparison.Ordinal);
        if (output == "json")
        {
            var doc = JsonNode.Parse(stdout)!;
            Assert.Equal("IR2099", (string?)doc["error"]!["code"]);
            Assert.Equal(130, (int)doc["exitCode"]!);
        }
        else
        {
            Assert.Equal(string.Empty, stdout);
        }
    }

    [Fact]
    public async Task A_cancelled_release_writes_its_document_and_complete_report_files()
    {
        await using var sim = await OpenShiftSim.StartAsync("deployment", "image-trigger");
        sim.Create(ResourceTypes.ImageStreams, """{"apiVersion":"image.openshift.io/v1","kind":"ImageStream","metadata":{"name":"example"}}""");
        Workloads.Put(sim, ResourceTypes.Deployments, Workloads.Deployment());
        var image = await TestImages.PushAsync(TestServices.Registry, $"apps/sig-{Guid.NewGuid():N}", cancellationToken: TestContext.Current.CancellationToken);
        var dir = Directory.CreateTempSubdirectory("imageroll-signal-").FullName;
        var (junit, report) = (Path.Combine(dir, "junit.xml"), Path.Combine(dir, "report.json"));
        var (exit, stdout, stderr) = await RunAndSignalAsync(CliHost.Portable, SIGINT, "rollout: follow",
            "release", "--image", image, "--stream", "example:latest", "--trigger", "patch", "--insecure-registry", TestServices.Registry,
            "--kubeconfig", sim.Kubeconfig, "--timeout", "5m", "--junit", junit, "--report", report, "-o", "json");
        Assert.True(exit == 130, $"exit {exit}\n{stderr}");
        Assert.Contains("error IR2099: ", stderr, StringComparison.Ordinal);
        var doc = JsonNode.Parse(stdout)!;
        Assert.Equal("cancelled", (string?)doc["status"]);
        Assert.Equal(doc.ToJsonString(), JsonNode.Parse(File.ReadAllText(report))!.ToJsonString());
        var suite = System.Xml.Linq.XDocument.Load(junit).Root!.Element("testsuite")!;
        Assert.NotEmpty(suite.Elements("testcase"));
        Assert.Empty(Directory.GetFiles(dir, "*.tmp"));
        Directory.Delete(dir, recursive: true);
    }

    /// <summary>Starts the real process, waits for <paramref name="ready"/> on stderr, signals it, and requires it to exit within 2 s.</summary>
    private static async Task<(int Exit, string Stdout, string Stderr)> RunAndSignalAsync(CliHost host, string signal, string ready, params string[] args)
    {
        var (file, prefix) = ImageRollCli.Command(host);
        var psi = new ProcessStartInfo(file) { RedirectStandardError = true, RedirectStandardOutput = true, UseShellExecute = false };
        foreach (var a in prefix.Concat(args))
        {
            psi.ArgumentList.Add(a);
        }

        psi.Environment["GITHUB_ACTIONS"] = string.Empty;
        psi.Environment["JENKINS_URL"] = string.Empty;
        using var process = Process.Start(psi)!;
        var stderr = new StringBuilder();
        var waiting = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        process.ErrorDataReceived += (_, e) =>
        {
            lock (stderr)
            {
                stderr.AppendLine(e.Data);
            }

            if (e.Data?.Contains(ready, StringComparison.Ordinal) == true)
            {
                waiting.TrySetResult();
            }
        };
        process.BeginErrorReadLine();
        var stdoutTask = process.StandardOutput.ReadToEndAsync(TestContext.Current.CancellationToken);
        try
        {
            await waiting.Task.WaitAsync(TimeSpan.FromSeconds(60), TestContext.Current.CancellationToken);
            (await ExternalTool.RunAsync("kill", [$"-{signal}", process.Id.ToString(System.Globalization.CultureInfo.InvariantCulture)], cancellationToken: TestContext.Current.CancellationToken)).EnsureSuccess("kill");
            using var within = CancellationTokenSource.CreateLinkedTokenSource(TestContext.Current.CancellationToken);
            within.CancelAfter(TimeSpan.FromSeconds(2));
            await process.WaitForExitAsync(within.Token);
        }
        finally
        {
            if (!process.HasExited)
            {
                process.Kill(entireProcessTree: true);
            }
        }

        var stdout = await stdoutTask;
        process.WaitForExit();
        lock (stderr)
        {
            return (process.ExitCode, stdout, stderr.ToString());
        }
    }
}
