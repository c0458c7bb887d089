using System.Text.Json.Nodes;
using ImageRoll.ClusterSimulator.Store;

namespace ImageRoll.ClusterSimulator.Controllers.Images;

/// <summary>
/// How an import lands in <c>status.tags[]</c> (openshift-apiserver imagestreamimport / image stream status):
/// success puts a tag event <c>{created, dockerImageReference, image, generation}</c> first (a re-import of the same
/// image only moves its generation) and clears the import condition; failure sets
/// <c>conditions: [{type: ImportSuccess, status: "False", reason, message, generation}]</c> and keeps older items.
/// </summary>
public static class ImportStatus
{
    public static void Apply(JsonObject stream, string tag, long generation, ImportOutcome outcome, DateTimeOffset now)
    {
        if (stream["status"] is not JsonObject status)
        {
            status = new JsonObject();
            stream["status"] = status;
        }

        if (status["tags"] is not JsonArray tags)
        {
            tags = [];
            status["tags"] = tags;
        }

        var entry = tags.OfType<JsonObject>().FirstOrDefault(t => Meta.Str(t["tag"]) == tag);
        if (entry is null)
        {
            entry = new JsonObject { ["tag"] = tag, ["items"] = null };
            tags.Add(entry);
        }

        var items = entry["items"] as JsonArray;
        if (outcome.Succeeded)
        {
            items ??= [];
            entry["items"] = items;
            var first = items.OfType<JsonObject>().FirstOrDefault();
            if (first is not null && Meta.Str(first["image"]) == outcome.Image && Meta.Str(first["dockerImageReference"]) == outcome.DockerImageReference)
            {
                first["generation"] = generation;
            }
            else
            {
                items.Insert(0, new JsonObject
                {
                    ["created"] = Meta.Timestamp(now),
                    ["dockerImageReference"] = outcome.DockerImageReference,
                    ["image"] = outcome.Image,
                    ["generation"] = generation,
                });
            }

            entry.Remove("conditions");
            return;
        }

        entry["conditions"] = new JsonArray(new JsonObject
        {
            ["type"] = "ImportSuccess",
            ["status"] = "False",
            ["lastTransitionTime"] = Meta.Timestamp(now),
            ["reason"] = outcome.Reason,
            ["message"] = outcome.Message,
            ["generation"] = generation,
        });
    }

    /// <summary>The generation the status has caught up with for a tag: the newer of items[0] and the import condition.</summary>
    public static long ObservedGeneration(JsonObject stream, string tag)
    {
        var entry = (stream["status"]?["tags"] as JsonArray)?.OfType<JsonObject>().FirstOrDefault(t => Meta.Str(t["tag"]) == tag);
        var item = (entry?["items"] as JsonArray)?.OfType<JsonObject>().FirstOrDefault();
        var condition = (entry?["conditions"] as JsonArray)?.OfType<JsonObject>().FirstOrDefault(c => Meta.Str(c["type"]) == "ImportSuccess");
        return Math.Max(Meta.Long(item?["generation"]) ?? -1, Meta.Long(condition?["generation"]) ?? -1);
    }
}
