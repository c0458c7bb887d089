using System.Diagnostics;

namespace ImageRoll.IntegrationTests.Rollouts;

/// <summary>
/// A running /usr/bin/kubectl (e.g. <c>rollout status --watch</c>) whose stdout/stderr lines are recorded with the
/// time they arrived, so a test can compare what kubectl said, and when, with ImageRoll.
/// </summary>
public sealed class KubectlProcess : IAsyncDisposable
{
    private readonly Process _process;
    private readonly List<(TimeSpan At, string Line)> _lines = [];
    private readonly Stopwatch _clock;

    private KubectlProcess(Process process, Stopwatch clock)
    {
        _process = process;
        _clock = clock;
    }

    public IReadOnlyList<(TimeSpan At, string Line)> Lines
    {
        get
        {
            lock (_lines)
            {
                return _lines.ToList();
            }
        }
    }

    public bool HasExited => _process.HasExited;

    public int ExitCode => _process.ExitCode;

    public static KubectlProcess Start(string kubeconfig, string home, Stopwatch clock, params string[] args)
    {
        Directory.CreateDirectory(home);
        var psi = new ProcessStartInfo("/usr/bin/kubectl") { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        foreach (var a in new[] { "--kubeconfig", kubeconfig, "--cache-dir", Path.Combine(home, "cache") }.Concat(args))
        {
            psi.ArgumentList.Add(a);
        }

        psi.Environment["HOME"] = home;
        var p = Process.Start(psi)!;
        var k = new KubectlProcess(p, clock);
        p.OutputDataReceived += (_, e) => k.Add(e.Data);
        p.ErrorDataReceived += (_, e) => k.Add(e.Data is null ? null : "stderr: " + e.Data);
        p.BeginOutputReadLine();
        p.BeginErrorReadLine();
        return k;
    }

    /// <summary>Waits until a line matches (returns when it arrived) or fails after <paramref name="timeout"/>.</summary>
    public async Task<TimeSpan> WaitForLineAsync(Func<string, bool> match, TimeSpan timeout)
    {
        var until = DateTime.UtcNow + timeout;
        while (DateTime.UtcNow < until)
        {
            var hit = Lines.FirstOrDefault(l => match(l.Line));
            if (hit.Line is not null)
            {
                return hit.At;
            }

            await Task.Delay(10);
        }

        throw new TimeoutException("kubectl did not print the expected line; it printed:\n" + string.Join('\n', Lines.Select(l => l.Line)));
    }

    public async Task<int> WaitForExitAsync(TimeSpan timeout)
    {
        using var cts = new CancellationTokenSource(timeout);
        await _process.WaitForExitAsync(cts.Token);
        return _process.ExitCode;
    }

    public async ValueTask DisposeAsync()
    {
        if (!_process.HasExited)
        {
            _process.Kill(entireProcessTree: true);
            await _process.WaitForExitAsync();
        }

        _process.Dispose();
    }

    private void Add(string? line)
    {
        if (line is null)
        {
            return;
        }

        lock (_lines)
        {
            _lines.Add((_clock.Elapsed, line));
        }
    }
}
