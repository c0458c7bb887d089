using System.Diagnostics;
using System.Text;
using ImageRoll.IntegrationTests.Infrastructure;

namespace ImageRoll.IntegrationTests.Simulator;

/// <summary>
/// Runs the real /usr/bin/kubectl against a kubeconfig with its own HOME and --cache-dir (kubectl caches discovery
/// and the dispatcher's /version answer per server URL), so tests never share cached state.
/// </summary>
public sealed class Kubectl
{
    public const string Path = "/usr/bin/kubectl";

    private readonly string _kubeconfig;
    private readonly string _home;

    public Kubectl(string kubeconfig, string workDirectory)
    {
        _kubeconfig = kubeconfig;
        _home = System.IO.Path.Combine(workDirectory, "kubectl-" + Guid.NewGuid().ToString("N")[..8]);
        Directory.CreateDirectory(_home);
    }

    public static void RequireInstalled()
    {
        if (!File.Exists(Path))
        {
            if (TestServices.IsCI)
            {
                Assert.Fail($"{Path} is missing");
            }

            Assert.Skip($"{Path} is not installed");
        }
    }

    public Task<ToolResult> RunAsync(params string[] args) => RunAsync(args, stdin: null);

    public Task<ToolResult> RunAsync(IEnumerable<string> args, string? stdin) =>
        ExternalTool.RunAsync(Path, Arguments(args), Environment(), stdin, timeout: TimeSpan.FromSeconds(60),
            cancellationToken: TestContext.Current.CancellationToken);

    /// <summary>
    /// Starts kubectl (e.g. <c>get -w</c>), hands each stdout line to <paramref name="until"/> and kills the process
    /// as soon as it returns true, or fails after <paramref name="timeout"/>.
    /// </summary>
    public async Task<IReadOnlyList<string>> StreamUntilAsync(IEnumerable<string> args, Func<IReadOnlyList<string>, bool> until, Func<Task> whileRunning, TimeSpan timeout)
    {
        var psi = new ProcessStartInfo(Path) { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        foreach (var a in Arguments(args))
        {
            psi.ArgumentList.Add(a);
        }

        foreach (var (k, v) in Environment())
        {
            psi.Environment[k] = v;
        }

        using var process = Process.Start(psi)!;
        var lines = new List<string>();
        var stderr = new StringBuilder();
        var done = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var started = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        process.OutputDataReceived += (_, e) =>
        {
            if (e.Data is null)
            {
                done.TrySetResult();
                return;
            }

            lock (lines)
            {
                lines.Add(e.Data);
                started.TrySetResult();
                if (until(lines))
                {
                    done.TrySetResult();
                }
            }
        };
        process.ErrorDataReceived += (_, e) => { if (e.Data is not null) { lock (stderr) { stderr.AppendLine(e.Data); } } };
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        try
        {
            await started.Task.WaitAsync(timeout, TestContext.Current.CancellationToken);
            await whileRunning();
            await done.Task.WaitAsync(timeout, TestContext.Current.CancellationToken);
        }
        catch (TimeoutException)
        {
            Assert.Fail($"kubectl {string.Join(' ', args)} did not print the expected lines in time; got:\n{string.Join('\n', lines)}\nstderr: {stderr}");
        }
        finally
        {
            if (!process.HasExited)
            {
                process.Kill(entireProcessTree: true);
            }
        }

        lock (lines)
        {
            return lines.ToList();
        }
    }

    private IEnumerable<string> Arguments(IEnumerable<string> args) =>
        new[] { "--kubeconfig", _kubeconfig, "--cache-dir", System.IO.Path.Combine(_home, "cache") }.Concat(args);

    private Dictionary<string, string> Environment() => new()
    {
        ["HOME"] = _home,
        ["KUBECONFIG"] = _kubeconfig,
    };
}
