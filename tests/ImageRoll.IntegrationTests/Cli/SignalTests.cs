using System.Diagnostics;
using System.Text;
using System.Text.Json.Nodes;
using ImageRoll.ClusterSimulator.Store;
using ImageRoll.IntegrationTests.Infrastructure;
using ImageRoll.IntegrationTests.OpenShift;

namespace ImageRoll.IntegrationTests.Cli;

/// <summary>
/// SIGINT and SIGTERM to the real process while it waits on a rollout that cannot finish (the simulator's deployment
/// controller is off, so the Deployment is never observed): it stops within 2 s with exit 130 and
/// <c>error IR2099: Cancelled.</c>, and in json mode still writes its one document.
/// </summary>
public sealed class SignalTests
{
    private const string SIGINT = "INT";
    private const string SIGTERM = "TERM";

    [Theory]
    [InlineData(SIGINT, "text")]
    [InlineData(SIGTERM, "json")]
    public async Task A_signal_cancels_the_wait_with_exit_130(string signal, string output)
    {
        await using var sim = await OpenShiftSim.StartAsync("deployment");
        Workloads.Put(sim, ResourceTypes.Deployments, Workloads.Deployment("stuck", triggers: null));
        var dll = Path.Combine(TestServices.RepoRoot, "src", "ImageRoll.Cli", "bin", "Release", "net8.0", "imageroll.dll");
        var psi = new ProcessStartInfo("dotnet") { RedirectStandardError = true, RedirectStandardOutput = true, UseShellExecute = false };
        foreach (var a in new[] { dll, "status", "deployment/stuck", "--watch", "--timeout", "5m", "--kubeconfig", sim.Kubeconfig, "-o", output })
        {
            psi.ArgumentList.Add(a);
        }

        using var process = Process.Start(psi)!;
        var stderr = new StringBuilder();
        var waiting = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        process.ErrorDataReceived += (_, e) =>
        {
            lock (stderr)
            {
                stderr.AppendLine(e.Data);
            }

            if (e.Data?.Contains("Waiting for deployment", StringComparison.Ordinal) == true)
            {
                waiting.TrySetResult();
            }
        };
        process.BeginErrorReadLine();
        var stdoutTask = process.StandardOutput.ReadToEndAsync(TestContext.Current.CancellationToken);
        try
        {
            await waiting.Task.WaitAsync(TimeSpan.FromSeconds(60), TestContext.Current.CancellationToken);
            var sent = Stopwatch.StartNew();
            (await ExternalTool.RunAsync("kill", [$"-{signal}", process.Id.ToString(System.Globalization.CultureInfo.InvariantCulture)], cancellationToken: TestContext.Current.CancellationToken)).EnsureSuccess("kill");
            using var within = CancellationTokenSource.CreateLinkedTokenSource(TestContext.Current.CancellationToken);
            within.CancelAfter(TimeSpan.FromSeconds(2));
            await process.WaitForExitAsync(within.Token);
            TestContext.Current.TestOutputHelper?.WriteLine($"exited {sent.ElapsedMilliseconds} ms after the signal");
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
        var err = stderr.ToString();
        Assert.True(process.ExitCode == 130, $"exit {process.ExitCode}\n{err}");
        Assert.Contains("error IR2099: Cancelled.", err, StringComparison.Ordinal);
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
}
