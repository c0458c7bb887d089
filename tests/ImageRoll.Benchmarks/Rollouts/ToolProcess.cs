using System.Diagnostics;

namespace ImageRoll.Benchmarks.Rollouts;

/// <summary>A child process whose output lines (stdout and stderr) are timestamped on a shared stopwatch.</summary>
internal sealed class ToolProcess : IAsyncDisposable
{
    private readonly Process _process;
    private readonly Stopwatch _clock;
    private readonly List<(TimeSpan At, string Line)> _lines = [];

    private ToolProcess(Process process, Stopwatch clock)
    {
        _process = process;
        _clock = clock;
    }

    public static ToolProcess Start(string file, string home, Stopwatch clock, params string[] args)
    {
        Directory.CreateDirectory(home);
        var psi = new ProcessStartInfo(file) { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        foreach (var a in args)
        {
            psi.ArgumentList.Add(a);
        }

        psi.Environment["HOME"] = home;
        var p = Process.Start(psi)!;
        var t = new ToolProcess(p, clock);
        p.OutputDataReceived += (_, e) => t.Add(e.Data);
        p.ErrorDataReceived += (_, e) => t.Add(e.Data);
        p.BeginOutputReadLine();
        p.BeginErrorReadLine();
        return t;
    }

    public async Task<TimeSpan> WaitForLineAsync(Func<string, bool> match, TimeSpan timeout)
    {
        var until = DateTime.UtcNow + timeout;
        while (DateTime.UtcNow < until)
        {
            lock (_lines)
            {
                var hit = _lines.FirstOrDefault(l => match(l.Line));
                if (hit.Line is not null)
                {
                    return hit.At;
                }
            }

            await Task.Delay(1);
        }

        lock (_lines)
        {
            throw new TimeoutException("expected line not printed; got:\n" + string.Join('\n', _lines.Select(l => l.Line)));
        }
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
        if (line is not null)
        {
            lock (_lines)
            {
                _lines.Add((_clock.Elapsed, line));
            }
        }
    }
}
