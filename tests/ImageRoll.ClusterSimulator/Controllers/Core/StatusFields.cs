using System.Text.Json.Nodes;

namespace ImageRoll.ClusterSimulator.Controllers.Core;

/// <summary>Helpers for status objects as the real servers serialise them.</summary>
public static class StatusFields
{
    /// <summary>Removes integer fields that are 0: Go's <c>omitempty</c> leaves them out of the JSON.</summary>
    public static void OmitZero(JsonObject status, params string[] keys)
    {
        foreach (var k in keys)
        {
            if (Obj.Int(status, -1, k) == 0)
            {
                status.Remove(k);
            }
        }
    }

    /// <summary>Whether two status objects differ (ignoring field order).</summary>
    public static bool Differs(JsonNode? a, JsonNode? b) =>
        Obj.Canonical(TemplateHash.Sorted(a)) != Obj.Canonical(TemplateHash.Sorted(b));

    public static TimeSpan? Min(TimeSpan? a, TimeSpan? b) => a is null ? b : b is null ? a : a < b ? a : b;
}
