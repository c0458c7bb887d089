using System.Diagnostics;
using System.Globalization;

namespace ImageRoll.Benchmarks.KubeClients;

/// <summary>
/// Whole-process figures from /usr/bin/time (Debian package <c>time</c>): elapsed, user + system CPU and peak RSS of
/// the child, for commands run in turn (A B C A B C ...) after one warm-up each; medians. A command must exit 0 (and a
/// probe print ok).
/// </summary>
internal static class TimedRunner
{
    public sealed record Figures(double Cpu, double Wall, double PeakMiB);

    public static async Task<IReadOnlyList<Figures>> MedianAsync(IReadOnlyList<string[]> commands, int runs, string dir) =>
        (await SamplesAsync(commands, runs, dir)).Select(s => new Figures(Median(s, f => f.Cpu), Median(s, f => f.Wall), Median(s, f => f.PeakMiB))).ToList();

    /// <summary>Every counted run's figures, per command (run i of each command belongs to round i).</summary>
    public static async Task<IReadOnlyList<IReadOnlyList<Figures>>> SamplesAsync(IReadOnlyList<string[]> commands, int runs, string dir)
    {
        var samples = commands.Select(_ => new List<Figures>()).ToList();
        for (var i = -1; i < runs; i++)
        {
            for (var c = 0; c < commands.Count; c++)
            {
                var figures = await RunAsync(commands[c], Path.Combine(dir, "time.out"));
                if (i >= 0)
                {
                    samples[c].Add(figures);
                }
            }
        }

        return samples;
    }

    private static async Task<Figures> RunAsync(string[] command, string output)
    {
        var psi = new ProcessStartInfo("/usr/bin/time") { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        foreach (var a in new[] { "-f", "%e %U %S %M", "-o", output }.Concat(command))
        {
            psi.ArgumentList.Add(a);
        }

        using var p = Process.Start(psi)!;
        var stdout = p.StandardOutput.ReadToEndAsync();
        var stderr = p.StandardError.ReadToEndAsync();
        await p.WaitForExitAsync();
        if (p.ExitCode != 0 || !(await stdout).StartsWith("ok", StringComparison.Ordinal) && !command[0].EndsWith("kubectl", StringComparison.Ordinal) && !command.Any(a => a.Contains("imageroll", StringComparison.Ordinal)))
        {
            throw new InvalidOperationException($"{string.Join(' ', command)} failed ({p.ExitCode}): {await stdout} {await stderr}");
        }

        var f = (await File.ReadAllTextAsync(output)).Trim().Split('\n')[^1].Split(' ').Select(v => double.Parse(v, CultureInfo.InvariantCulture)).ToArray();
        return new Figures(f[1] + f[2], f[0], f[3] / 1024);
    }

    private static double Median(IReadOnlyList<Figures> values, Func<Figures, double> pick)
    {
        var s = values.Select(pick).Order().ToList();
        return s.Count % 2 == 1 ? s[s.Count / 2] : (s[(s.Count / 2) - 1] + s[s.Count / 2]) / 2;
    }
}
