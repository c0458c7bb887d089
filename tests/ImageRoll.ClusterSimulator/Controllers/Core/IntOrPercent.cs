using System.Globalization;
using System.Text.Json.Nodes;

namespace ImageRoll.ClusterSimulator.Controllers.Core;

/// <summary>
/// intstr.IntOrString as maxSurge/maxUnavailable use it (apimachinery util/intstr GetScaledValueFromIntOrPercent):
/// a percentage of the replica count, rounded up for surge and down for unavailable.
/// </summary>
public static class IntOrPercent
{
    public static long Scaled(JsonNode? value, string fallback, long total, bool roundUp)
    {
        if (value is JsonValue v && v.TryGetValue<long>(out var n))
        {
            return n;
        }

        if (value is JsonValue iv && iv.TryGetValue<int>(out var i))
        {
            return i;
        }

        var s = value is JsonValue sv && sv.TryGetValue<string>(out var str) ? str : fallback;
        if (s.EndsWith('%') && double.TryParse(s[..^1], NumberStyles.Float, CultureInfo.InvariantCulture, out var pct))
        {
            var exact = pct * total / 100.0;
            return (long)(roundUp ? Math.Ceiling(exact) : Math.Floor(exact));
        }

        return long.TryParse(s, NumberStyles.Integer, CultureInfo.InvariantCulture, out var parsed) ? parsed : 0;
    }

    /// <summary>deploymentutil.ResolveFenceposts: surge rounds up, unavailable down; both 0 means unavailable 1.</summary>
    public static (long Surge, long Unavailable) Fenceposts(JsonNode? maxSurge, JsonNode? maxUnavailable, long replicas)
    {
        var surge = Scaled(maxSurge, "25%", replicas, roundUp: true);
        var unavailable = Scaled(maxUnavailable, "25%", replicas, roundUp: false);
        if (surge == 0 && unavailable == 0)
        {
            unavailable = 1;
        }

        return (surge, unavailable);
    }
}
