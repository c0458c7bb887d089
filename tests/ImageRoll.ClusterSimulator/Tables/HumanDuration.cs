using System.Globalization;

namespace ImageRoll.ClusterSimulator.Tables;

/// <summary>The two "how long ago" formats the printers use.</summary>
public static class HumanDuration
{
    /// <summary>
    /// k8s.io/apimachinery pkg/util/duration <c>HumanDuration</c> (AGE columns): "45s", "2m3s", "15m", "5h10m", "3d4h", "2y30d".
    /// </summary>
    public static string Short(TimeSpan d)
    {
        var seconds = (long)Math.Truncate(d.TotalSeconds);
        if (seconds < -1)
        {
            return "<invalid>";
        }

        if (seconds < 0)
        {
            return "0s";
        }

        if (seconds < 60 * 2)
        {
            return F("{0}s", seconds);
        }

        var minutes = (long)(d.Ticks / TimeSpan.TicksPerMinute);
        if (minutes < 10)
        {
            var s = seconds % 60;
            return s == 0 ? F("{0}m", minutes) : F("{0}m{1}s", minutes, s);
        }

        if (minutes < 60 * 3)
        {
            return F("{0}m", minutes);
        }

        var hours = (long)(d.Ticks / TimeSpan.TicksPerHour);
        if (hours < 8)
        {
            var m = minutes % 60;
            return m == 0 ? F("{0}h", hours) : F("{0}h{1}m", hours, m);
        }

        if (hours < 48)
        {
            return F("{0}h", hours);
        }

        if (hours < 24 * 8)
        {
            var h = hours % 24;
            return h == 0 ? F("{0}d", hours / 24) : F("{0}d{1}h", hours / 24, h);
        }

        if (hours < 24 * 365 * 2)
        {
            return F("{0}d", hours / 24);
        }

        if (hours < 24 * 365 * 8)
        {
            var dy = hours / 24 % 365;
            return dy == 0 ? F("{0}y", hours / 24 / 365) : F("{0}y{1}d", hours / 24 / 365, dy);
        }

        return F("{0}y", hours / 24 / 365);
    }

    /// <summary>
    /// github.com/docker/go-units <c>HumanDuration</c>, which openshift-apiserver's image printers use for UPDATED:
    /// "Less than a second", "5 seconds", "About a minute", "3 hours", "2 weeks".
    /// </summary>
    public static string Words(TimeSpan d)
    {
        var seconds = (long)Math.Truncate(d.TotalSeconds);
        if (seconds < 1)
        {
            return "Less than a second";
        }

        if (seconds == 1)
        {
            return "1 second";
        }

        if (seconds < 60)
        {
            return F("{0} seconds", seconds);
        }

        var minutes = (long)Math.Truncate(d.TotalMinutes);
        if (minutes == 1)
        {
            return "About a minute";
        }

        if (minutes < 60)
        {
            return F("{0} minutes", minutes);
        }

        var hours = (long)Math.Truncate(d.TotalHours + 0.5);
        if (hours == 1)
        {
            return "About an hour";
        }

        if (hours < 48)
        {
            return F("{0} hours", hours);
        }

        if (hours < 24 * 7 * 2)
        {
            return F("{0} days", hours / 24);
        }

        if (hours < 24 * 30 * 2)
        {
            return F("{0} weeks", hours / 24 / 7);
        }

        return hours < 24 * 365 * 2 ? F("{0} months", hours / 24 / 30) : F("{0} years", (long)d.TotalHours / 24 / 365);
    }

    private static string F(string format, params object[] args) => string.Format(CultureInfo.InvariantCulture, format, args);
}
