using System.Diagnostics;
using ImageRoll.IntegrationTests.Infrastructure;

namespace ImageRoll.IntegrationTests.Simulator;

/// <summary>The simulator host program as the architecture's contract starts it.</summary>
public sealed class SimulatorHostTests
{
    [Fact]
    public async Task Host_writes_the_kubeconfig_once_listening_serves_kubectl_and_exits_cleanly_on_SIGTERM()
    {
        Kubectl.RequireInstalled();
        var dir = Path.Combine(Path.GetTempPath(), "imageroll-host-" + Guid.NewGuid().ToString("N")[..8]);
        Directory.CreateDirectory(dir);
        var kubeconfig = Path.Combine(dir, "kubeconfig");
        var configuration = AppContext.BaseDirectory.Contains("/Debug/", StringComparison.Ordinal) ? "Debug" : "Release";
        var psi = new ProcessStartInfo("dotnet") { RedirectStandardError = true, RedirectStandardOutput = true, UseShellExecute = false, WorkingDirectory = TestServices.RepoRoot };
        foreach (var a in new[] { "run", "--project", "tests/ImageRoll.ClusterSimulator", "-c", configuration, "--no-build", "--", "--port", "0", "--kubeconfig-out", kubeconfig, "--disable-controller", "garbagecollector" })
        {
            psi.ArgumentList.Add(a);
        }

        using var process = Process.Start(psi)!;
        var stderr = process.StandardError.ReadToEndAsync(TestContext.Current.CancellationToken);
        try
        {
            var deadline = DateTime.UtcNow.AddSeconds(60);
            while (!File.Exists(kubeconfig))
            {
                Assert.False(process.HasExited, "the host exited before writing the kubeconfig");
                Assert.True(DateTime.UtcNow < deadline, "no kubeconfig within 60 s");
                await Task.Delay(50, TestContext.Current.CancellationToken);
            }

            Assert.Empty(Directory.GetFiles(dir, "*.tmp"));
            var text = await File.ReadAllTextAsync(kubeconfig, TestContext.Current.CancellationToken);
            Assert.Contains("certificate-authority-data:", text, StringComparison.Ordinal);
            Assert.Matches(@"server: https://127\.0\.0\.1:\d+", text);
            var namespaces = (await new Kubectl(kubeconfig, dir).RunAsync("get", "namespace", "default", "-o", "name")).EnsureSuccess("kubectl get ns");
            Assert.Equal("namespace/default", namespaces.Stdout.Trim());

            (await ExternalTool.RunAsync("kill", ["-TERM", process.Id.ToString(System.Globalization.CultureInfo.InvariantCulture)], cancellationToken: TestContext.Current.CancellationToken)).EnsureSuccess("kill -TERM");
            await process.WaitForExitAsync(TestContext.Current.CancellationToken).WaitAsync(TimeSpan.FromSeconds(30), TestContext.Current.CancellationToken);
            Assert.Equal(0, process.ExitCode);
            Assert.Contains("controllers: namespace", await stderr, StringComparison.Ordinal);
        }
        finally
        {
            if (!process.HasExited)
            {
                process.Kill(entireProcessTree: true);
            }

            Directory.Delete(dir, recursive: true);
        }
    }
}
