using System.Text.Json;

namespace ImageRoll.ClusterSimulator.Controllers.Triggers;

/// <summary>
/// The controller's decoding of <c>image.openshift.io/triggers</c> (library-go pkg/image/trigger/annotations
/// calculateAnnotationTriggers): Go's json.Unmarshal of the whole value into []ObjectFieldTrigger (keys
/// case-insensitive, unknown keys ignored, null = zero value, any syntax or type error fails everything), then
/// "duplicate triggers are not allowed" when two entries share a fieldPath. Returns null and the error on failure.
/// </summary>
public static class AnnotationTriggerDecoder
{
    public const string Key = "image.openshift.io/triggers";

    public static IReadOnlyList<AnnotationTrigger>? Decode(string value, out string? error)
    {
        error = null;
        try
        {
            using var doc = JsonDocument.Parse(value);
            if (doc.RootElement.ValueKind == JsonValueKind.Null)
            {
                return [];
            }

            if (doc.RootElement.ValueKind != JsonValueKind.Array)
            {
                error = "json: cannot unmarshal into Go value of type []trigger.ObjectFieldTrigger";
                return null;
            }

            var triggers = new List<AnnotationTrigger>();
            foreach (var e in doc.RootElement.EnumerateArray())
            {
                triggers.Add(Entry(e));
            }

            if (triggers.GroupBy(t => t.FieldPath, StringComparer.Ordinal).Any(g => g.Count() > 1))
            {
                error = "duplicate triggers are not allowed";
                return null;
            }

            return triggers;
        }
        catch (JsonException ex)
        {
            error = ex.Message;
            return null;
        }
        catch (InvalidOperationException ex)
        {
            error = "json: cannot unmarshal: " + ex.Message;
            return null;
        }
    }

    private static AnnotationTrigger Entry(JsonElement e)
    {
        string kind = "", name = "", ns = "", fieldPath = "", apiVersion = "";
        var paused = false;
        if (e.ValueKind == JsonValueKind.Null)
        {
            return new AnnotationTrigger(kind, name, ns, fieldPath, paused);
        }

        foreach (var p in Object(e).EnumerateObject())
        {
            switch (p.Name.ToLowerInvariant())
            {
                case "from" when p.Value.ValueKind != JsonValueKind.Null:
                    foreach (var f in Object(p.Value).EnumerateObject())
                    {
                        switch (f.Name.ToLowerInvariant())
                        {
                            case "kind": kind = Str(f.Value) ?? kind; break;
                            case "name": name = Str(f.Value) ?? name; break;
                            case "namespace": ns = Str(f.Value) ?? ns; break;
                            case "apiversion": apiVersion = Str(f.Value) ?? apiVersion; break;
                        }
                    }

                    break;
                case "fieldpath":
                    fieldPath = Str(p.Value) ?? fieldPath;
                    break;
                case "paused":
                    paused = p.Value.ValueKind switch
                    {
                        JsonValueKind.True => true,
                        JsonValueKind.False => false,
                        JsonValueKind.Null => paused,
                        _ => throw new InvalidOperationException($"cannot unmarshal {p.Value.ValueKind} into Go struct field ObjectFieldTrigger.paused of type bool"),
                    };
                    break;
            }
        }

        return new AnnotationTrigger(kind, name, ns, fieldPath, paused) { FromApiVersion = apiVersion };
    }

    private static JsonElement Object(JsonElement e) =>
        e.ValueKind == JsonValueKind.Object ? e : throw new InvalidOperationException($"cannot unmarshal {e.ValueKind} into Go struct");

    private static string? Str(JsonElement e) => e.ValueKind switch
    {
        JsonValueKind.String => e.GetString(),
        JsonValueKind.Null => null,
        _ => throw new InvalidOperationException($"cannot unmarshal {e.ValueKind} into Go value of type string"),
    };
}
