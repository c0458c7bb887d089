using System.Text.Json.Nodes;
using ImageRoll.ClusterSimulator.Store;

namespace ImageRoll.ClusterSimulator.Patching;

/// <summary>
/// Strategic merge patch (k8s.io/apimachinery pkg/util/strategicpatch/patch.go) for the lists the built-in types
/// mark <c>patchStrategy:"merge"</c>: they merge by key; other lists are replaced. Directives: <c>$patch</c>
/// (replace, delete, merge), <c>$setElementOrder/FIELD</c>, <c>$retainKeys</c>, <c>$deleteFromPrimitiveList/FIELD</c>;
/// null deletes a field. Also used for server-side apply, which merges the same way here.
/// </summary>
public static class StrategicMergePatch
{
    private const string SetElementOrder = "$setElementOrder/";
    private const string DeleteFromPrimitiveList = "$deleteFromPrimitiveList/";

    // patchMergeKey of the Go types (k8s.io/api core/v1, apps/v1, meta/v1; openshift/api image/v1).
    private static readonly Dictionary<string, string> MergeKeys = new(StringComparer.Ordinal)
    {
        ["containers"] = "name",
        ["initContainers"] = "name",
        ["ephemeralContainers"] = "name",
        ["env"] = "name",
        ["volumes"] = "name",
        ["volumeMounts"] = "mountPath",
        ["volumeDevices"] = "devicePath",
        ["imagePullSecrets"] = "name",
        ["conditions"] = "type",
        ["ownerReferences"] = "uid",
        ["hostAliases"] = "ip",
        ["resourceClaims"] = "name",
        ["topologySpreadConstraints"] = "topologyKey",
        ["secrets"] = "name",
    };

    // Lists of scalars with patchStrategy merge: union.
    private static readonly HashSet<string> MergedPrimitiveLists = new(StringComparer.Ordinal) { "finalizers" };

    public static JsonObject Apply(JsonObject target, JsonObject patch) => MergeMap(target.DeepClone().AsObject(), patch);

    private static JsonObject MergeMap(JsonObject original, JsonObject patch)
    {
        switch (Meta.Str(patch["$patch"]))
        {
            case "replace":
                var replaced = patch.DeepClone().AsObject();
                replaced.Remove("$patch");
                return StripDirectives(replaced);
            case "delete":
                return new JsonObject();
        }

        foreach (var (key, value) in patch)
        {
            if (key.StartsWith(DeleteFromPrimitiveList, StringComparison.Ordinal))
            {
                var field = key[DeleteFromPrimitiveList.Length..];
                if (original[field] is JsonArray list && value is JsonArray remove)
                {
                    original[field] = new JsonArray(list.Where(i => !remove.Any(r => JsonNode.DeepEquals(r, i))).Select(i => i?.DeepClone()).ToArray());
                }

                continue;
            }

            if (key.StartsWith('$'))
            {
                continue;
            }

            if (value is null)
            {
                original.Remove(key);
                continue;
            }

            var merged = MergeValue(key, original[key], value);
            original.Remove(key);
            if (merged is not null)
            {
                original[key] = merged;
            }
        }

        foreach (var (key, value) in patch)
        {
            if (key.StartsWith(SetElementOrder, StringComparison.Ordinal) && value is JsonArray order
                && original[key[SetElementOrder.Length..]] is JsonArray list)
            {
                original[key[SetElementOrder.Length..]] = Reorder(list, order, MergeKeyFor(key[SetElementOrder.Length..], list, order));
            }
        }

        if (patch["$retainKeys"] is JsonArray retain)
        {
            var keep = retain.Select(Meta.Str).ToHashSet();
            foreach (var key in original.Select(p => p.Key).Where(k => !keep.Contains(k)).ToList())
            {
                original.Remove(key);
            }
        }

        return original;
    }

    private static JsonNode? MergeValue(string key, JsonNode? original, JsonNode patch)
    {
        switch (patch)
        {
            case JsonObject patchMap when original is JsonObject originalMap:
                return Meta.Str(patchMap["$patch"]) == "delete" ? null : MergeMap(originalMap, patchMap);
            case JsonObject patchMap:
                return Meta.Str(patchMap["$patch"]) == "delete" ? null : StripDirectives(patchMap.DeepClone().AsObject());
            case JsonArray patchList:
                return MergeList(key, original as JsonArray ?? [], patchList);
            default:
                return patch.DeepClone();
        }
    }

    private static JsonArray MergeList(string key, JsonArray original, JsonArray patch)
    {
        if (patch.OfType<JsonObject>().Any(i => Meta.Str(i["$patch"]) == "replace"))
        {
            return new JsonArray(patch.OfType<JsonObject>().Where(i => Meta.Str(i["$patch"]) != "replace").Select(i => (JsonNode?)StripDirectives(i.DeepClone().AsObject())).ToArray());
        }

        if (MergedPrimitiveLists.Contains(key))
        {
            var union = original.Select(i => i?.DeepClone()).ToList();
            union.AddRange(patch.Where(p => !original.Any(o => JsonNode.DeepEquals(o, p))).Select(p => p?.DeepClone()));
            return new JsonArray(union.ToArray());
        }

        var mergeKey = MergeKeyFor(key, original, patch);
        if (mergeKey is null)
        {
            return new JsonArray(patch.Select(i => i is JsonObject o ? StripDirectives(o.DeepClone().AsObject()) : i?.DeepClone()).ToArray());
        }

        var result = original.Select(i => i?.DeepClone()).ToList();
        foreach (var item in patch.OfType<JsonObject>())
        {
            var id = item[mergeKey];
            var at = result.FindIndex(o => o is JsonObject oo && JsonNode.DeepEquals(oo[mergeKey], id));
            if (Meta.Str(item["$patch"]) == "delete")
            {
                if (at >= 0)
                {
                    result.RemoveAt(at);
                }
            }
            else if (at >= 0)
            {
                result[at] = MergeMap(result[at]!.AsObject(), item);
            }
            else
            {
                result.Add(StripDirectives(item.DeepClone().AsObject()));
            }
        }

        return new JsonArray(result.ToArray());
    }

    private static string? MergeKeyFor(string key, JsonArray original, JsonArray patch)
    {
        var items = original.Concat(patch).OfType<JsonObject>().ToList();
        return key switch
        {
            // ContainerPort merges by containerPort, ServicePort by port (k8s.io/api core/v1 types.go).
            "ports" => items.Any(i => i.ContainsKey("containerPort")) ? "containerPort" : items.Any(i => i.ContainsKey("port")) ? "port" : null,
            // ImageStreamSpec.tags by name; ImageStreamStatus.tags by tag (openshift/api image/v1 types.go).
            "tags" => items.Any(i => i.ContainsKey("tag")) ? "tag" : items.Any(i => i.ContainsKey("name")) ? "name" : null,
            _ => MergeKeys.GetValueOrDefault(key),
        };
    }

    private static JsonArray Reorder(JsonArray list, JsonArray order, string? mergeKey)
    {
        var items = list.Select(i => i?.DeepClone()).ToList();
        int Rank(JsonNode? item)
        {
            var id = mergeKey is not null && item is JsonObject o ? o[mergeKey] : item;
            var at = order.Select((entry, index) => (entry, index))
                .FirstOrDefault(x => JsonNode.DeepEquals(mergeKey is not null && x.entry is JsonObject e ? e[mergeKey] : x.entry, id), (null, -1)).index;
            return at < 0 ? int.MaxValue : at;
        }

        return new JsonArray(items.Select((item, index) => (item, index)).OrderBy(x => Rank(x.item)).ThenBy(x => x.index).Select(x => x.item).ToArray());
    }

    private static JsonObject StripDirectives(JsonObject obj)
    {
        foreach (var key in obj.Select(p => p.Key).Where(k => k.StartsWith('$')).ToList())
        {
            obj.Remove(key);
        }

        foreach (var (_, value) in obj.ToList())
        {
            if (value is JsonObject child)
            {
                StripDirectives(child);
            }
            else if (value is JsonArray array)
            {
                foreach (var element in array.OfType<JsonObject>())
                {
                    StripDirectives(element);
                }
            }
        }

        return obj;
    }
}
