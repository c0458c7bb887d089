using System.Text.Json;
using ImageRoll.OpenShift.ImageStreams;

namespace ImageRoll.OpenShift.Triggers;

/// <summary>
/// Whether the problems of a workload's trigger annotation concern the stream tag being released. A workload none
/// of whose triggers matches the tag matters only when a broken entry names that tag (read leniently from the raw
/// JSON, since a broken entry may not decode), or when the annotation as a whole is broken and its text names it.
/// </summary>
internal static class TriggerMentions
{
    public static bool ConcernTag(string annotation, IReadOnlyList<TriggerProblem> problems, string workloadNamespace, StreamTagRef tag)
    {
        var names = EntryNames(annotation);
        var ns = tag.Namespace ?? workloadNamespace;
        foreach (var problem in problems)
        {
            if (problem.TriggerIndex is { } i && names.TryGetValue(i, out var entry))
            {
                if (entry.Name == tag.IstagName && (entry.Namespace ?? workloadNamespace) == ns)
                {
                    return true;
                }
            }
            else if (annotation.Contains(tag.IstagName, StringComparison.Ordinal))
            {
                // The annotation as a whole (or an entry that cannot be read) is broken and mentions the tag.
                return true;
            }
        }

        return false;
    }

    /// <summary>Each entry's from.name and from.namespace, by position, as far as the JSON can be read at all.</summary>
    private static Dictionary<int, (string? Name, string? Namespace)> EntryNames(string annotation)
    {
        var names = new Dictionary<int, (string?, string?)>();
        try
        {
            using var doc = JsonDocument.Parse(annotation);
            if (doc.RootElement.ValueKind != JsonValueKind.Array)
            {
                return names;
            }

            var i = 0;
            foreach (var entry in doc.RootElement.EnumerateArray())
            {
                if (entry.ValueKind == JsonValueKind.Object && entry.TryGetProperty("from", out var from) && from.ValueKind == JsonValueKind.Object)
                {
                    names[i] = (Text(from, "name"), Text(from, "namespace") is { Length: > 0 } n ? n : null);
                }

                i++;
            }
        }
        catch (JsonException)
        {
        }

        return names;
    }

    private static string? Text(JsonElement obj, string name) =>
        obj.TryGetProperty(name, out var v) && v.ValueKind == JsonValueKind.String ? v.GetString() : null;
}
