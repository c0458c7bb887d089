using System.Text.Json;
using ImageRoll.Kubernetes.Models;

namespace ImageRoll.Rollouts;

/// <summary>metadata.ownerReferences, read from the metadata's Extra (the shared ObjectMeta does not type them).</summary>
internal static class Owners
{
    public static bool IsControlledBy(KubeObject obj, string kind, string? name)
    {
        if (obj.Metadata.Extra is null || !obj.Metadata.Extra.TryGetValue("ownerReferences", out var refs) || refs.ValueKind != JsonValueKind.Array)
        {
            return false;
        }

        foreach (var r in refs.EnumerateArray())
        {
            if (r.ValueKind == JsonValueKind.Object
                && r.TryGetProperty("kind", out var k) && k.ValueKind == JsonValueKind.String && k.GetString() == kind
                && r.TryGetProperty("name", out var n) && n.ValueKind == JsonValueKind.String && n.GetString() == name)
            {
                return true;
            }
        }

        return false;
    }

    public static string? Label(KubeObject obj, string key) =>
        obj.Metadata.Labels is not null && obj.Metadata.Labels.TryGetValue(key, out var v) ? v : null;
}
