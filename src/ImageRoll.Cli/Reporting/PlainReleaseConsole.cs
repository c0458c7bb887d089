using ImageRoll.Registry;
using Microsoft.Extensions.Logging;

namespace ImageRoll.Cli.Reporting;

/// <summary>
/// Not a terminal (a pipe, a CI log, Jenkins): one plain line per state change, no ANSI codes, flushed at once; a
/// state is printed again only when its words change, so a rollout polled every second does not flood the log.
/// </summary>
public sealed class PlainReleaseConsole(TextWriter error, LogLevel level) : ReleaseConsole(level)
{
    private readonly Dictionary<string, string> _last = new(StringComparer.Ordinal);

    public override void PushProgress(TransferProgress progress)
    {
        if (Normal)
        {
            Lines([ReleaseText.Push(progress)]);
        }
    }

    protected override void Lines(IEnumerable<string> lines)
    {
        lock (Gate)
        {
            foreach (var line in lines)
            {
                error.WriteLine(line);
            }

            error.Flush();
        }
    }

    protected override void Status(string key, string? text)
    {
        lock (Gate)
        {
            if (text is null)
            {
                _last.Remove(key);
                return;
            }

            if (_last.TryGetValue(key, out var previous) && previous == text)
            {
                return;
            }

            _last[key] = text;
            error.WriteLine(text);
            error.Flush();
        }
    }
}
