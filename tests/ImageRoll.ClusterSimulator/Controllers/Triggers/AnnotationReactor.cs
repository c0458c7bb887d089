using System.Globalization;
using System.Text.Json.Nodes;
using ImageRoll.ClusterSimulator.Store;

namespace ImageRoll.ClusterSimulator.Controllers.Triggers;

/// <summary>
/// library-go pkg/image/trigger/annotations/annotations.go UpdateObjectFromImages over a JSON object: for each
/// trigger that is not paused and whose fieldPath starts with the kind's pod-spec path (others are skipped
/// silently), whatever its from.kind, resolve from.name as a stream tag (unresolvable: skipped); a fieldPath whose selector is not an index or exactly
/// <c>?(@.name=="NAME")</c>, that does not end in <c>.image</c>, or names no container fails the whole update.
/// Returns the changed copy (null when nothing differs) and the changed container names.
/// </summary>
public static class AnnotationReactor
{
    public static JsonObject? Update(ObjectStore store, JsonObject obj, string podSpecPath, out List<string> changed, out string? error)
    {
        changed = [];
        error = null;
        if (Meta.Annotation(obj, AnnotationTriggerDecoder.Key) is not { } annotation)
        {
            return null;
        }

        var triggers = AnnotationTriggerDecoder.Decode(annotation, out error);
        if (triggers is null)
        {
            return null;
        }

        var basePath = podSpecPath + ".";
        JsonObject? updated = null;
        foreach (var t in triggers)
        {
            // No from.kind check: UpdateObjectFromImages resolves from.name as STREAM:TAG whatever the kind says.
            if (t.Paused || !t.FieldPath.StartsWith(basePath, StringComparison.Ordinal))
            {
                continue;
            }

            var ns = t.FromNamespace.Length > 0 ? t.FromNamespace : Meta.Namespace(obj) ?? "";
            if (TagLookup.Resolve(store, ns, t.FromName) is not { } reference)
            {
                continue;
            }

            if (!ParseContainerReference(t.FieldPath[basePath.Length..], out var init, out var selector, out var remainder) || remainder != "image")
            {
                error = $"field path is not valid: {t.FieldPath}";
                return null;
            }

            var target = updated ?? obj;
            if (FindContainer(target, podSpecPath, init, selector) is not { } container)
            {
                error = $"no such container: {t.FieldPath}";
                return null;
            }

            if (Meta.Str(container["image"]) != reference)
            {
                updated ??= obj.DeepClone().AsObject();
                var c = FindContainer(updated, podSpecPath, init, selector)!;
                c["image"] = reference;
                changed.Add(Meta.Str(c["name"]) ?? "");
            }
        }

        return updated;
    }

    /// <summary>
    /// library-go annotations.go <c>ContainerImageChanged</c>: whether the image of a container an unpaused trigger
    /// points at differs between the old and the new object (triggers whose path does not resolve are skipped).
    /// </summary>
    public static bool ContainerImageChanged(JsonObject old, JsonObject obj, string podSpecPath, IReadOnlyList<AnnotationTrigger> triggers)
    {
        var basePath = podSpecPath + ".";
        foreach (var t in triggers.Where(t => !t.Paused && t.FieldPath.StartsWith(basePath, StringComparison.Ordinal)))
        {
            if (!ParseContainerReference(t.FieldPath[basePath.Length..], out var init, out var selector, out _)
                || FindContainer(obj, podSpecPath, init, selector) is not { } now
                || FindContainer(old, podSpecPath, init, selector) is not { } before)
            {
                continue;
            }

            if (Meta.Str(now["image"]) != Meta.Str(before["image"]))
            {
                return true;
            }
        }

        return false;
    }

    private static bool ParseContainerReference(string path, out bool init, out string selector, out string remainder)
    {
        init = false;
        selector = remainder = "";
        string rest;
        if (path.StartsWith("containers[", StringComparison.Ordinal))
        {
            rest = path["containers[".Length..];
        }
        else if (path.StartsWith("initContainers[", StringComparison.Ordinal))
        {
            init = true;
            rest = path["initContainers[".Length..];
        }
        else
        {
            return false;
        }

        var end = rest.IndexOf(']', StringComparison.Ordinal);
        if (end < 0)
        {
            return false;
        }

        selector = rest[..end];
        remainder = rest[(end + 1)..];
        if (remainder.StartsWith('.'))
        {
            remainder = remainder[1..];
        }

        return true;
    }

    private static JsonObject? FindContainer(JsonObject obj, string podSpecPath, bool init, string selector)
    {
        JsonNode? spec = obj;
        foreach (var part in podSpecPath.Split('.'))
        {
            spec = spec?[part];
        }

        List<JsonObject> List(bool initList) => (spec?[initList ? "initContainers" : "containers"] as JsonArray)?.OfType<JsonObject>().ToList() ?? [];
        if (int.TryParse(selector, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var i))
        {
            var list = List(init);
            return i >= 0 && i < list.Count ? list[i] : null;
        }

        const string prefix = "?(@.name==\"";
        const string suffix = "\")";
        if (selector.StartsWith(prefix, StringComparison.Ordinal) && selector.EndsWith(suffix, StringComparison.Ordinal) && selector.Length >= prefix.Length + suffix.Length)
        {
            // library-go pkg/image/referencemutator/pods.go GetContainerByName: init containers first, then containers,
            // whichever list the fieldPath names.
            var name = selector[prefix.Length..^suffix.Length];
            return List(true).Concat(List(false)).FirstOrDefault(c => Meta.Str(c["name"]) == name);
        }

        return null;
    }
}
