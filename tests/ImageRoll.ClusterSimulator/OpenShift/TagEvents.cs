using System.Text.Json.Nodes;
using ImageRoll.ClusterSimulator.Store;

namespace ImageRoll.ClusterSimulator.OpenShift;

/// <summary>
/// openshift-apiserver pkg/image/apiserver/internal/imageutil/helpers.go <c>AddTagEventToImageStream</c>, the one way
/// the server records an image in a stream tag's status (an import, a push to the integrated registry, a tag from
/// another stream): the same reference or the same image collapses into items[0] (image, reference and generation
/// updated), anything else is a new items[0]; either clears the tag's conditions. The very same event changes nothing.
/// </summary>
internal static class TagEvents
{
    public static void Add(JsonObject stream, string tag, string reference, string image, long generation, DateTimeOffset now)
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
            entry = new JsonObject { ["tag"] = tag };
            tags.Add(entry);
        }

        AddTo(entry, reference, image, generation, now);
    }

    /// <summary>The same, on one <c>status.tags[]</c> entry.</summary>
    public static void AddTo(JsonObject entry, string reference, string image, long generation, DateTimeOffset now)
    {
        if (entry["items"] is not JsonArray items)
        {
            items = [];
            entry["items"] = items;
        }

        var first = items.OfType<JsonObject>().FirstOrDefault();
        var sameRef = first is not null && Meta.Str(first["dockerImageReference"]) == reference;
        var sameImage = first is not null && Meta.Str(first["image"]) == image;
        if (sameRef && sameImage && Meta.Long(first!["generation"]) == generation)
        {
            return;
        }

        if (sameRef || sameImage)
        {
            first!["dockerImageReference"] = reference;
            first["image"] = image;
            first["generation"] = generation;
        }
        else
        {
            items.Insert(0, new JsonObject
            {
                ["created"] = Meta.Timestamp(now),
                ["dockerImageReference"] = reference,
                ["image"] = image,
                ["generation"] = generation,
            });
        }

        entry.Remove("conditions");
    }
}
