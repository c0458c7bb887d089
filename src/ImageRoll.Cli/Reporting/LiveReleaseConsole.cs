using System.Globalization;
using System.Text;
using ImageRoll.Registry;
using Microsoft.Extensions.Logging;

namespace ImageRoll.Cli.Reporting;

/// <summary>
/// On a terminal: finished steps and results scroll as plain lines, and below them a block of live lines (the push:
/// blobs, bytes and rate; each workload's rollout in kubectl's words, replica counts included) is redrawn in place
/// with ANSI cursor movement, at most ten times a second. Lines are cut to the terminal's width so a redraw never
/// wraps (a wrapped line would throw the cursor arithmetic off).
/// </summary>
public sealed class LiveReleaseConsole : ReleaseConsole, IDisposable
{
    private const string ClearLine = "\u001b[2K";
    private static readonly TimeSpan Frame = TimeSpan.FromMilliseconds(100);

    private readonly TextWriter _error;
    private readonly int _width;
    private readonly TimeProvider _time;
    private readonly List<KeyValuePair<string, string>> _status = [];
    private readonly ITimer _timer;
    private int _drawn;
    private bool _dirty;
    private DateTimeOffset? _pushStarted;

    public LiveReleaseConsole(TextWriter error, LogLevel level, int width, TimeProvider? time = null)
        : base(level)
    {
        _error = error ?? throw new ArgumentNullException(nameof(error));
        _width = width > 10 ? width - 1 : 0;
        _time = time ?? TimeProvider.System;
        _timer = _time.CreateTimer(_ => Tick(), null, Frame, Frame);
    }

    public override void PushProgress(TransferProgress progress)
    {
        ArgumentNullException.ThrowIfNull(progress);
        if (!Normal)
        {
            return;
        }

        var now = _time.GetUtcNow();
        _pushStarted ??= now;
        var seconds = Math.Max((now - _pushStarted.Value).TotalSeconds, 0.001);
        var rate = progress.BytesUploaded / 1048576.0 / seconds;
        Status("push", string.Create(CultureInfo.InvariantCulture,
            $"pushing: {progress.BlobsDone}/{progress.BlobsTotal} blobs, {progress.BytesUploaded / 1048576.0:0.0} MB uploaded, {rate:0.0} MB/s"));
    }

    public void Dispose()
    {
        _timer.Dispose();
        lock (Gate)
        {
            Draw([]);
        }
    }

    protected override void Lines(IEnumerable<string> lines)
    {
        lock (Gate)
        {
            Draw(lines);
        }
    }

    protected override void Status(string key, string? text)
    {
        lock (Gate)
        {
            var i = _status.FindIndex(kv => kv.Key == key);
            if (text is null)
            {
                if (i >= 0)
                {
                    _status.RemoveAt(i);
                    _dirty = true;
                }

                return;
            }

            if (i >= 0 && _status[i].Value == text)
            {
                return;
            }

            if (i >= 0)
            {
                _status[i] = new(key, text);
            }
            else
            {
                _status.Add(new(key, text));
            }

            _dirty = true;
        }
    }

    protected override void ClearStatus()
    {
        lock (Gate)
        {
            _status.Clear();
            Draw([]);
        }
    }

    private void Tick()
    {
        lock (Gate)
        {
            if (_dirty)
            {
                Draw([]);
            }
        }
    }

    /// <summary>Moves up over the live block, prints the lines that stay, then the live block again (under Gate).</summary>
    private void Draw(IEnumerable<string> lines)
    {
        var sb = new StringBuilder();
        if (_drawn > 0)
        {
            sb.Append(CultureInfo.InvariantCulture, $"\u001b[{_drawn}F");
        }

        foreach (var line in lines)
        {
            sb.Append(ClearLine).Append(line).Append('\n');
        }

        foreach (var (_, text) in _status)
        {
            sb.Append(ClearLine).Append(Cut(text)).Append('\n');
        }

        // Erase what is left of a longer block drawn before.
        sb.Append("\u001b[J");
        _drawn = _status.Count;
        _dirty = false;
        _error.Write(sb.ToString());
        _error.Flush();
    }

    private string Cut(string text) => _width > 0 && text.Length > _width ? text[..(_width - 1)] + "…" : text;
}
