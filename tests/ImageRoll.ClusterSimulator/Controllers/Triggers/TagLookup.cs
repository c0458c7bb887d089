using System.Text.Json.Nodes;
using ImageRoll.ClusterSimulator.Store;

namespace ImageRoll.ClusterSimulator.Controllers.Triggers;

/// <summary>
/// The trigger controllers' tag retriever (openshift-controller-manager pkg/image/trigger tagRetriever over
/// library-go imageutil): <c>from.name</c> must be <c>STREAM:TAG</c> (SplitImageStreamTag; no ':' never resolves, an
/// empty tag is latest) and the value is ResolveLatestTaggedImage: <c>status.tags[tag].items[0]</c>; with the spec
/// tag's referencePolicy Local, <c>status.dockerImageRepository@items[0].image</c>, else its dockerImageReference.
/// </summary>
public static class TagLookup
{
    public static string? Resolve(ObjectStore store, string ns, string fromName)
    {
        var colon = fromName.IndexOf(':', StringComparison.Ordinal);
        if (colon < 0)
        {
            return null;
        }

        var tag = fromName[(colon + 1)..];
        var stream = store.Get(ResourceTypes.ImageStreams, ns, fromName[..colon]);
        return stream is null ? null : Resolve(stream, tag.Length == 0 ? "latest" : tag);
    }

    public static string? Resolve(JsonObject stream, string tag)
    {
        var entry = (stream["status"]?["tags"] as JsonArray)?.OfType<JsonObject>().FirstOrDefault(t => Meta.Str(t["tag"]) == tag);
        if ((entry?["items"] as JsonArray)?.OfType<JsonObject>().FirstOrDefault() is not { } latest)
        {
            return null;
        }

        var spec = (stream["spec"]?["tags"] as JsonArray)?.OfType<JsonObject>().FirstOrDefault(t => Meta.Str(t["name"]) == tag);
        if (Meta.Str(spec?["referencePolicy"]?["type"]) == "Local"
            && Meta.Str(stream["status"]?["dockerImageRepository"]) is { Length: > 0 } repo
            && Meta.Str(latest["image"]) is { Length: > 0 } image)
        {
            return $"{repo}@{image}";
        }

        return Meta.Str(latest["dockerImageReference"]);
    }
}
