using System.Globalization;

namespace ImageRoll.Util;

/// <summary>
/// Durations as kubectl and oc take them (Go's time.ParseDuration): <c>90s</c>, <c>5m</c>, <c>1h30m</c>, <c>1.5h</c>,
/// <c>300ms</c>. A bare <c>0</c> is zero. Negative durations are refused.
/// </summary>
public static class GoDuration
{
    private static readonly (string Unit, double Ticks)[] Units =
    [
        ("ns", TimeSpan.TicksPerMillisecond / 1_000_000.0),
        ("us", TimeSpan.TicksPerMillisecond / 1000.0),
        ("µs", TimeSpan.TicksPerMillisecond / 1000.0),
        ("ms", TimeSpan.TicksPerMillisecond),
        ("s", TimeSpan.TicksPerSecond),
        ("m", TimeSpan.TicksPerMinute),
        ("h", TimeSpan.TicksPerHour),
    ];

    public static bool TryParse(string? text, out TimeSpan duration)
    {
        duration = TimeSpan.Zero;
        if (string.IsNullOrWhiteSpace(text))
        {
            return false;
        }

        var s = text.Trim();
        if (s == "0")
        {
            return true;
        }

        double ticks = 0;
        int i = 0;
        while (i < s.Length)
        {
            int start = i;
            while (i < s.Length && (char.IsAsciiDigit(s[i]) || s[i] == '.'))
            {
                i++;
            }

            if (start == i || !double.TryParse(s.AsSpan(start, i - start), NumberStyles.AllowDecimalPoint, CultureInfo.InvariantCulture, out var number))
            {
                return false;
            }

            var unit = Units.Where(u => string.CompareOrdinal(s, i, u.Unit, 0, u.Unit.Length) == 0)
                            .OrderByDescending(u => u.Unit.Length)
                            .Select(u => (Found: true, u.Unit, u.Ticks))
                            .FirstOrDefault();
            if (!unit.Found)
            {
                return false;
            }

            i += unit.Unit.Length;
            ticks += number * unit.Ticks;
        }

        if (ticks > TimeSpan.MaxValue.Ticks)
        {
            return false;
        }

        duration = TimeSpan.FromTicks((long)ticks);
        return true;
    }

    /// <summary>Parses or throws <c>IR2001</c> naming the value and the accepted form.</summary>
    public static TimeSpan Parse(string text, string what = "--timeout")
    {
        if (TryParse(text, out var d))
        {
            return d;
        }

        throw new ImageRollException(CommandErrors.BadDuration, FailureKind.BadInput,
            $"{what} '{text}' is not a duration.",
            "Write it as kubectl does: a number with a unit, for example 90s, 5m or 1h30m.");
    }

    /// <summary>Formats as Go does for whole units (<c>1h30m0s</c> is written <c>1h30m</c> for readability).</summary>
    public static string Format(TimeSpan d)
    {
        if (d == TimeSpan.Zero)
        {
            return "0s";
        }

        var parts = new List<string>();
        if (d.Hours + (d.Days * 24) > 0)
        {
            parts.Add($"{(int)d.TotalHours}h");
        }

        if (d.Minutes > 0)
        {
            parts.Add($"{d.Minutes}m");
        }

        if (d.Seconds > 0 || d.Milliseconds > 0)
        {
            parts.Add(d.Milliseconds > 0 ? $"{d.Seconds + (d.Milliseconds / 1000.0):0.###}s".Replace(',', '.') : $"{d.Seconds}s");
        }

        return string.Concat(parts);
    }
}
