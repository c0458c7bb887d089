using System.Diagnostics;

namespace ImageRoll.Benchmarks.Rollouts;

/// <summary>A child process whose output lines (stdout and stderr) are timestamped on a shared stopwatch.</summary>
internal sealed class ToolProcess : IAsyncDisposable
{
    private readonly Process process;
    private readonly Stopwatch clock;
    private readonly List<(TimeSpan At, string Line)> lines = [];

    private ToolProcess(Process process, Stopwatch clock)
    {
        this.process = process;
        this.clock = clock;
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
            lock (lines)
            {
                var hit = lines.FirstOrDefault(l => match(l.Line));
                if (hit.Line is not null)
                {
                    return hit.At;
                }
            }

            await Task.Delay(1);
        }

        lock (lines)
        {
            throw new TimeoutException("expected line not printed; got:\n" + string.Join('\n', lines.Select(l => l.Line)));
        }
    }

    public async ValueTask DisposeAsync()
    {
        if (!process.HasExited)
        {
            process.Kill(entireProcessTree: true);
            await process.WaitForExitAsync();
        }

        process.Dispose();
    }

    private void Add(string? line)
    {
        if (line is not null)
        {
            lock (lines)
            {
                lines.Add((clock.Elapsed, line));
            }
        }
    }
}
