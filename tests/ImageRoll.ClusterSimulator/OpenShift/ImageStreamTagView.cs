using System.Text.Json.Nodes;
using ImageRoll.ClusterSimulator.Store;

namespace ImageRoll.ClusterSimulator.OpenShift;

/// <summary>Builds the ImageStreamTag object of one tag of a stream (openshift-apiserver imagestreamtag newISTag).</summary>
public static class ImageStreamTagView
{
    /// <summary>The ImageStreamTag, or null when the tag is neither in spec nor in status.</summary>
    public static JsonObject? Build(JsonObject stream, string tag)
    {
        var specTag = ImageStreamStrategy.SpecTags(stream).FirstOrDefault(t => Meta.Str(t["name"]) == tag);
        var statusTag = (stream["status"]?["tags"] as JsonArray)?.OfType<JsonObject>().FirstOrDefault(t => Meta.Str(t["tag"]) == tag);
        if (specTag is null && statusTag is null)
        {
            return null;
        }

        var latest = (statusTag?["items"] as JsonArray)?.OfType<JsonObject>().FirstOrDefault();
        var streamMeta = Meta.Of(stream);
        var metadata = new JsonObject
        {
            ["name"] = $"{Meta.Name(stream)}:{tag}",
            ["namespace"] = Meta.Namespace(stream),
            ["uid"] = streamMeta["uid"]?.DeepClone(),
            ["resourceVersion"] = streamMeta["resourceVersion"]?.DeepClone(),
            ["creationTimestamp"] = latest?["created"]?.DeepClone() ?? streamMeta["creationTimestamp"]?.DeepClone(),
        };
        if (specTag?["annotations"] is JsonObject annotations)
        {
            metadata["annotations"] = annotations.DeepClone();
        }

        var istag = new JsonObject
        {
            ["kind"] = "ImageStreamTag",
            ["apiVersion"] = "image.openshift.io/v1",
            ["metadata"] = metadata,
            ["tag"] = specTag?.DeepClone(),
            ["generation"] = latest?["generation"]?.DeepClone() ?? specTag?["generation"]?.DeepClone() ?? 0,
            ["lookupPolicy"] = stream["spec"]?["lookupPolicy"]?.DeepClone() ?? new JsonObject { ["local"] = false },
        };
        if (statusTag?["conditions"] is JsonArray { Count: > 0 } conditions)
        {
            istag["conditions"] = conditions.DeepClone();
        }

        var image = new JsonObject { ["metadata"] = new JsonObject() };
        if (latest is not null)
        {
            image["metadata"] = new JsonObject
            {
                ["name"] = latest["image"]?.DeepClone(),
                ["creationTimestamp"] = latest["created"]?.DeepClone(),
            };
            image["dockerImageReference"] = latest["dockerImageReference"]?.DeepClone();
            image["dockerImageMetadata"] = new JsonObject { ["kind"] = "DockerImage", ["apiVersion"] = "image.openshift.io/1.0" };
            image["dockerImageMetadataVersion"] = "1.0";
        }

        istag["image"] = image;
        return istag;
    }
}
