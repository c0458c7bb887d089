using System.Text.Json.Nodes;
using ImageRoll.ClusterSimulator.OpenShift;
using ImageRoll.ClusterSimulator.Store;

namespace ImageRoll.ClusterSimulator.Controllers.Images;

/// <summary>
/// How the result of an import lands in a stream: what openshift-apiserver
/// pkg/image/apiserver/registry/imagestreamimport/rest.go does after the registry lookups, for the import controller
/// and for POST imagestreamimports alike. Every event and condition carries <c>nextGeneration</c> (the stream's
/// generation + 1).
/// <list type="bullet">
/// <item>Failure (<c>setFailureCondition</c>, <c>checkImportFailure</c> in older releases): a condition <c>ImportSuccess=False</c> with the reason and message; when an
/// identical one (type, status, reason, message: <c>hasTagCondition</c>) already exists NOTHING changes, the old
/// condition keeps its old generation; otherwise the spec tag's generation is set to 0 (the strategy turns it into
/// the new generation). <c>ensureSpecTag(..., reset: false)</c>: an existing spec tag is never overwritten.</item>
/// <item>Success (<c>importSuccessful</c>): when the event differs from items[0] or the spec tag is newer than it, the
/// spec tag is reset to the imported source (<c>ensureSpecTag(..., reset: true)</c>) and the event added
/// (<c>AddTagEventToImageStream</c>: the same image only moves items[0]'s generation); the import policy is always
/// reset and the conditions cleared.</item>
/// </list>
/// The stream is written (with the <c>openshift.io/image.dockerRepositoryCheck</c> annotation) only when something
/// changed or the annotation is missing.
/// </summary>
public static class ImportStatus
{
    public const string RepositoryCheckAnnotation = "openshift.io/image.dockerRepositoryCheck";

    /// <summary>Applies <paramref name="imports"/> to <paramref name="stream"/> in place; false when nothing needs writing.</summary>
    public static bool Record(JsonObject stream, IEnumerable<TagImport> imports, DateTimeOffset now)
    {
        var original = stream.DeepClone();
        var nextGeneration = Meta.Generation(stream) + 1;
        foreach (var import in imports)
        {
            if (import.Outcome.Succeeded)
            {
                Succeeded(stream, import, nextGeneration, now);
            }
            else
            {
                Failed(stream, import, nextGeneration, now);
            }
        }

        var annotations = Meta.Of(stream)["annotations"] as JsonObject;
        if (JsonNode.DeepEquals(original, stream) && annotations?[RepositoryCheckAnnotation] is not null)
        {
            return false;
        }

        if (annotations is null)
        {
            annotations = new JsonObject();
            Meta.Of(stream)["annotations"] = annotations;
        }

        annotations[RepositoryCheckAnnotation] = Meta.Timestamp(now);
        return true;
    }

    /// <summary>
    /// The generation the status has caught up with for a tag (openshift-controller-manager
    /// pkg/image/controller/imagestream_controller.go <c>latestObservedTagGeneration</c>): the newer of items[0] and
    /// the ImportSuccess condition.
    /// </summary>
    public static long ObservedGeneration(JsonObject stream, string tag)
    {
        var entry = StatusTag(stream, tag, create: false);
        var item = (entry?["items"] as JsonArray)?.OfType<JsonObject>().FirstOrDefault();
        var condition = (entry?["conditions"] as JsonArray)?.OfType<JsonObject>().FirstOrDefault(c => Meta.Str(c["type"]) == "ImportSuccess");
        return Math.Max(Meta.Long(item?["generation"]) ?? 0, Meta.Long(condition?["generation"]) ?? 0);
    }

    /// <summary>imagestream_controller.go <c>tagImportable</c>: a DockerImage source that is not a reference tag.</summary>
    public static bool Importable(JsonObject specTag) =>
        Meta.Str(specTag["from"]?["kind"]) == "DockerImage" && Meta.Str(specTag["from"]?["name"]) is { Length: > 0 }
        && !(specTag["reference"] is JsonValue r && r.TryGetValue<bool>(out var reference) && reference);

    private static void Failed(JsonObject stream, TagImport import, long nextGeneration, DateTimeOffset now)
    {
        var entry = StatusTag(stream, import.Tag, create: false);
        var same = (entry?["conditions"] as JsonArray)?.OfType<JsonObject>().Any(c =>
            Meta.Str(c["type"]) == "ImportSuccess" && Meta.Str(c["status"]) == "False"
            && Meta.Str(c["reason"]) == import.Outcome.Reason && Meta.Str(c["message"]) == import.Outcome.Message) == true;
        if (!same)
        {
            StatusTag(stream, import.Tag, create: true)!["conditions"] = new JsonArray(new JsonObject
            {
                ["type"] = "ImportSuccess",
                ["status"] = "False",
                ["lastTransitionTime"] = Meta.Timestamp(now),
                ["reason"] = import.Outcome.Reason,
                ["message"] = import.Outcome.Message,
                ["generation"] = nextGeneration,
            });
            if (SpecTag(stream, import.Tag) is { } specTag)
            {
                specTag["generation"] = 0;
            }
        }

        EnsureSpecTag(stream, import, reset: false);
    }

    private static void Succeeded(JsonObject stream, TagImport import, long nextGeneration, DateTimeOffset now)
    {
        var outcome = import.Outcome;
        var entry = StatusTag(stream, import.Tag, create: false);
        var first = (entry?["items"] as JsonArray)?.OfType<JsonObject>().FirstOrDefault();
        var specTag = SpecTag(stream, import.Tag);
        var differentEvent = first is null || Meta.Str(first["dockerImageReference"]) != outcome.DockerImageReference || Meta.Str(first["image"]) != outcome.Image;
        var newerSpec = specTag is null || Meta.Long(specTag["generation"]) is not { } g || first is null || g > (Meta.Long(first["generation"]) ?? 0);
        if (differentEvent || newerSpec)
        {
            specTag = EnsureSpecTag(stream, import, reset: true);
            TagEvents.AddTo(StatusTag(stream, import.Tag, create: true)!, outcome.DockerImageReference!, outcome.Image!, nextGeneration, now);
        }

        specTag!["importPolicy"] = import.Spec["importPolicy"]?.DeepClone() ?? new JsonObject();
        entry = StatusTag(stream, import.Tag, create: false);
        entry?.Remove("conditions");
    }

    private static JsonObject EnsureSpecTag(JsonObject stream, TagImport import, bool reset)
    {
        if (stream["spec"] is not JsonObject spec)
        {
            spec = new JsonObject();
            stream["spec"] = spec;
        }

        if (spec["tags"] is not JsonArray tags)
        {
            tags = [];
            spec["tags"] = tags;
        }

        var tag = SpecTag(stream, import.Tag);
        if (tag is not null && !reset)
        {
            return tag;
        }

        if (tag is null)
        {
            tag = new JsonObject { ["name"] = import.Tag };
            tags.Add(tag);
        }

        tag["from"] = new JsonObject { ["kind"] = "DockerImage", ["name"] = Meta.Str(import.Spec["from"]?["name"]) };
        tag["generation"] = 0;
        tag["importPolicy"] = import.Spec["importPolicy"]?.DeepClone() ?? new JsonObject();
        if (string.IsNullOrEmpty(Meta.Str(tag["referencePolicy"]?["type"])))
        {
            tag["referencePolicy"] = import.Spec["referencePolicy"]?.DeepClone() ?? new JsonObject { ["type"] = "Source" };
        }

        return tag;
    }

    private static JsonObject? SpecTag(JsonObject stream, string tag) =>
        (stream["spec"]?["tags"] as JsonArray)?.OfType<JsonObject>().FirstOrDefault(t => Meta.Str(t["name"]) == tag);

    private static JsonObject? StatusTag(JsonObject stream, string tag, bool create)
    {
        var tags = stream["status"]?["tags"] as JsonArray;
        var entry = tags?.OfType<JsonObject>().FirstOrDefault(t => Meta.Str(t["tag"]) == tag);
        if (entry is not null || !create)
        {
            return entry;
        }

        if (stream["status"] is not JsonObject status)
        {
            status = new JsonObject();
            stream["status"] = status;
        }

        if (tags is null)
        {
            tags = [];
            status["tags"] = tags;
        }

        entry = new JsonObject { ["tag"] = tag, ["items"] = null };
        tags.Add(entry);
        return entry;
    }
}
