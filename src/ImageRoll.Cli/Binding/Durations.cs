using ImageRoll.Rollouts;
using ImageRoll.Util;

namespace ImageRoll.Cli.Binding;

/// <summary>
/// The one duration parser of the command line: Go/kubectl durations (<see cref="GoDuration"/>), checked here, where
/// they are bound, against what a deadline can take, so a value no timer accepts is exit 2 before anything is written.
/// </summary>
public static class Durations
{
    /// <summary>The default <c>--timeout</c> of every command (the engine's own default, written once).</summary>
    public static readonly TimeSpan DefaultTimeout = RolloutFollowOptions.DefaultTimeout;

    /// <summary>
    /// The longest delay <see cref="CancellationTokenSource.CancelAfter(TimeSpan)"/> and timers take
    /// (<c>uint.MaxValue - 1</c> milliseconds, about 49.7 days); longer throws ArgumentOutOfRangeException.
    /// </summary>
    public static readonly TimeSpan Longest = TimeSpan.FromMilliseconds(uint.MaxValue - 1.0);

    public static string DefaultTimeoutText => GoDuration.Format(DefaultTimeout);

    /// <summary>
    /// Parses <paramref name="text"/> (from <paramref name="source"/>: <c>--timeout</c>, <c>IMAGEROLL_TIMEOUT</c>, ...)
    /// or throws IR2001 naming the value, the source and the accepted form. Zero is refused unless
    /// <paramref name="allowZero"/>: every wait is bounded.
    /// </summary>
    public static TimeSpan Parse(string text, string source, bool allowZero = false)
    {
        ArgumentNullException.ThrowIfNull(text);
        var d = GoDuration.Parse(text, source);
        if (d > Longest)
        {
            throw new ImageRollException("IR2001", FailureKind.BadInput,
                $"{source} '{text}' is longer than the longest wait ImageRoll can set ({GoDuration.Format(Longest - TimeSpan.FromMilliseconds(Longest.Milliseconds))}).",
                $"Give a shorter duration, for example {source} 24h.");
        }

        if (d == TimeSpan.Zero && !allowZero)
        {
            throw new ImageRollException("IR2001", FailureKind.BadInput,
                $"{source} '{text}' is zero: every wait is bounded, so the command could not wait at all.",
                $"Give a positive duration, for example {source} {DefaultTimeoutText}.");
        }

        return d;
    }
}
