using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace ImageRoll.ClusterSimulator.Controllers.Core;

/// <summary>Small helpers for reading and writing Kubernetes objects held as <see cref="JsonObject"/>.</summary>
public static class Obj
{
    public static JsonNode? At(JsonNode? node, params string[] path)
    {
        foreach (var p in path)
        {
            if (node is not JsonObject o || !o.TryGetPropertyValue(p, out node))
            {
                return null;
            }
        }

        return node;
    }

    public static string? Str(JsonNode? node, params string[] path) =>
        At(node, path) is JsonValue v && v.TryGetValue<string>(out var s) ? s : null;

    public static long Int(JsonNode? node, long fallback, params string[] path)
    {
        if (At(node, path) is not JsonValue v)
        {
            return fallback;
        }

        if (v.TryGetValue<long>(out var l))
        {
            return l;
        }

        if (v.TryGetValue<int>(out var i))
        {
            return i;
        }

        if (v.TryGetValue<double>(out var d))
        {
            return (long)d;
        }

        return v.TryGetValue<string>(out var s) && long.TryParse(s, NumberStyles.Integer, CultureInfo.InvariantCulture, out l) ? l : fallback;
    }

    public static bool Bool(JsonNode? node, params string[] path) =>
        At(node, path) is JsonValue v && v.TryGetValue<bool>(out var b) && b;

    /// <summary>The child object at the path, created (with every missing parent) when absent.</summary>
    public static JsonObject Ensure(JsonObject node, params string[] path)
    {
        foreach (var p in path)
        {
            if (node[p] is not JsonObject child)
            {
                child = new JsonObject();
                node[p] = child;
            }

            node = child;
        }

        return node;
    }

    public static JsonArray Array(JsonNode? node, params string[] path) => At(node, path) as JsonArray ?? [];

    public static IEnumerable<JsonObject> Objects(JsonNode? node, params string[] path) => Array(node, path).OfType<JsonObject>();

    public static string Name(JsonObject o) => Str(o, "metadata", "name") ?? "";

    public static string Namespace(JsonObject o) => Str(o, "metadata", "namespace") ?? "";

    public static string Uid(JsonObject o) => Str(o, "metadata", "uid") ?? "";

    public static long Generation(JsonObject o) => Int(o, 0, "metadata", "generation");

    public static bool IsDeleting(JsonObject o) => At(o, "metadata", "deletionTimestamp") is JsonValue;

    public static Dictionary<string, string> StringMap(JsonNode? node, params string[] path)
    {
        var map = new Dictionary<string, string>(StringComparer.Ordinal);
        if (At(node, path) is JsonObject o)
        {
            foreach (var (k, v) in o)
            {
                if (v is JsonValue jv && jv.TryGetValue<string>(out var s))
                {
                    map[k] = s;
                }
            }
        }

        return map;
    }

    public static string? Annotation(JsonObject o, string key) => Str(o, "metadata", "annotations", key);

    public static void SetAnnotation(JsonObject o, string key, string? value)
    {
        var a = Ensure(o, "metadata", "annotations");
        if (value is null)
        {
            a.Remove(key);
        }
        else
        {
            a[key] = value;
        }
    }

    public static JsonObject Clone(JsonNode node) => node.DeepClone().AsObject();

    /// <summary>The uid of the owner marked <c>controller: true</c>, if any.</summary>
    public static string? ControllerUid(JsonObject o) =>
        Objects(o, "metadata", "ownerReferences").FirstOrDefault(r => Bool(r, "controller")) is { } r ? Str(r, "uid") : null;

    public static JsonObject OwnerReference(JsonObject owner) => new()
    {
        ["apiVersion"] = Str(owner, "apiVersion"),
        ["kind"] = Str(owner, "kind"),
        ["name"] = Name(owner),
        ["uid"] = Uid(owner),
        ["controller"] = true,
        ["blockOwnerDeletion"] = true,
    };

    public static IEnumerable<JsonObject> OwnedBy(IEnumerable<JsonObject> objects, JsonObject owner)
    {
        var uid = Uid(owner);
        return objects.Where(o => ControllerUid(o) == uid);
    }

    /// <summary>RFC 3339 with seconds, the way metav1.Time serialises.</summary>
    public static string Time(DateTimeOffset t) => t.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture);

    public static DateTimeOffset? ParseTime(string? s) =>
        DateTimeOffset.TryParse(s, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var t) ? t : null;

    public static string Canonical(JsonNode? node) => node?.ToJsonString(CanonicalOptions) ?? "null";

    private static readonly JsonSerializerOptions CanonicalOptions = new() { WriteIndented = false };

    /// <summary>Pod is Ready (condition Ready=True) and not terminating.</summary>
    public static bool IsPodReady(JsonObject pod) =>
        !IsDeleting(pod) && Objects(pod, "status", "conditions").Any(c => Str(c, "type") == "Ready" && Str(c, "status") == "True");

    /// <summary>Active as the ReplicaSet controller counts: not terminating, not Succeeded/Failed
    /// (kubernetes pkg/controller/controller_utils.go IsPodActive).</summary>
    public static bool IsPodActive(JsonObject pod)
    {
        var phase = Str(pod, "status", "phase");
        return !IsDeleting(pod) && phase != "Succeeded" && phase != "Failed";
    }

    /// <summary>Ready for at least minReadySeconds (podutil.IsPodAvailable).</summary>
    public static bool IsPodAvailable(JsonObject pod, long minReadySeconds, DateTimeOffset now)
    {
        if (!IsPodReady(pod))
        {
            return false;
        }

        if (minReadySeconds <= 0)
        {
            return true;
        }

        var ready = Objects(pod, "status", "conditions").First(c => Str(c, "type") == "Ready");
        var since = ParseTime(Str(ready, "lastTransitionTime"));
        return since is { } s && s.AddSeconds(minReadySeconds) <= now;
    }
}
