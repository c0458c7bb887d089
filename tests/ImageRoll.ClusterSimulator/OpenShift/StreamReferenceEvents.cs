using System.Text.Json.Nodes;
using ImageRoll.ClusterSimulator.Store;

namespace ImageRoll.ClusterSimulator.OpenShift;

/// <summary>
/// A new or changed spec tag whose source is another stream's tag or image (what <c>oc tag dev/app:latest
/// prod/app:stable</c> writes: <c>from.kind</c> ImageStreamImage <c>app@sha256:...</c>, or ImageStreamTag with
/// <c>--alias</c>) gets its status event from the API server itself, at once (openshift-apiserver
/// pkg/image/apiserver/registry/imagestream/strategy.go <c>tagsChanged</c> and <c>tagReferenceToTagEvent</c>): the
/// source stream's latest event of that tag (<c>LatestTaggedImage</c>) or its event with that image
/// (<c>ResolveImageID</c>), at the tag's generation. A source that is not a reference and lives in the integrated
/// registry under the source stream's name is renamed to this stream, so pulls come from it. A missing source stream
/// or image is 422 Invalid; a source tag without an image is no event.
/// </summary>
internal static class StreamReferenceEvents
{
    public static bool Handles(JsonObject tag) => Meta.Str(tag["from"]?["kind"]) is "ImageStreamTag" or "ImageStreamImage";

    public static void Apply(JsonObject stream, JsonObject tag, Func<string, string, JsonObject?> lookup, string internalHostname, DateTimeOffset now)
    {
        var kind = Meta.Str(tag["from"]!["kind"])!;
        var fromName = Meta.Str(tag["from"]!["name"]) ?? "";
        var ns = Meta.Namespace(stream) ?? "";
        var sourceNs = Meta.Str(tag["from"]!["namespace"]) is { Length: > 0 } n ? n : ns;
        var split = kind == "ImageStreamTag" ? ':' : '@';
        var parts = fromName.Split(split);
        var field = $"spec.tags[{Meta.Str(tag["name"])}].from.name";
        if (parts.Length > 2 || parts.Any(p => p.Length == 0))
        {
            throw ApiException.Invalid(ResourceTypes.ImageStreams, Meta.Name(stream), field,
                $"Invalid value: \"{fromName}\": must be of the form <tag>, <repo>:<tag>, <id>, or <repo>@<id>");
        }

        var (sourceName, tagOrId) = parts.Length == 1 ? (Meta.Name(stream), parts[0]) : (parts[0], parts[1]);
        var source = sourceNs == ns && sourceName == Meta.Name(stream) ? stream : lookup(sourceNs, sourceName)
            ?? throw ApiException.Invalid(ResourceTypes.ImageStreams, Meta.Name(stream), field, $"Not found: \"{fromName}\"");
        var statusTags = (source["status"]?["tags"] as JsonArray)?.OfType<JsonObject>() ?? [];
        JsonObject? found;
        if (kind == "ImageStreamTag")
        {
            found = statusTags.FirstOrDefault(t => Meta.Str(t["tag"]) == tagOrId)?["items"]?.AsArray().OfType<JsonObject>().FirstOrDefault();
        }
        else
        {
            // imageutil ResolveImageID: the event whose image is the ID (or the one image it is a prefix of).
            var matches = statusTags.SelectMany(t => (t["items"] as JsonArray)?.OfType<JsonObject>() ?? [])
                .Where(i => Meta.Str(i["image"]) is { } image && (image == tagOrId || image.StartsWith(tagOrId, StringComparison.Ordinal)))
                .GroupBy(i => Meta.Str(i["image"])).ToList();
            found = matches.Count == 1 ? matches[0].First() : null;
            if (found is null)
            {
                throw ApiException.Invalid(ResourceTypes.ImageStreams, Meta.Name(stream), field,
                    $"Invalid value: \"{fromName}\": error generating tag event: imagestreamimage.image.openshift.io \"{tagOrId}\" not found");
            }
        }

        if (found is null)
        {
            return;
        }

        var reference = Meta.Str(found["dockerImageReference"]) ?? "";
        var ours = $"{internalHostname}/{sourceNs}/{sourceName}@";
        if (!(tag["reference"] is JsonValue r && r.TryGetValue<bool>(out var isReference) && isReference) && reference.StartsWith(ours, StringComparison.Ordinal))
        {
            reference = $"{internalHostname}/{ns}/{Meta.Name(stream)}@{reference[ours.Length..]}";
        }

        TagEvents.Add(stream, Meta.Str(tag["name"])!, reference, Meta.Str(found["image"]) ?? "", Meta.Long(tag["generation"]) ?? Meta.Generation(stream), now);
    }
}
