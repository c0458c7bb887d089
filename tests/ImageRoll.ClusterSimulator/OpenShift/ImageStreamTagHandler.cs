using System.Text.Json.Nodes;
using ImageRoll.ClusterSimulator.Http;
using ImageRoll.ClusterSimulator.Store;

namespace ImageRoll.ClusterSimulator.OpenShift;

/// <summary>
/// The virtual ImageStreamTag resource over ImageStreams (openshift-apiserver
/// pkg/image/apiserver/registry/imagestreamtag/rest.go): name <c>stream:tag</c>; GET builds it from the stream's
/// spec and status tag; PUT creates or replaces the spec tag and creates the stream when missing; POST creates
/// (409 when the spec tag exists); DELETE removes the tag from spec and status.
/// </summary>
public class ImageStreamTagHandler : IApiHandler
{
    public virtual Task<ApiResult> HandleAsync(ApiRequest request, ObjectStore store, CancellationToken cancellationToken)
    {
        var result = request.Verb switch
        {
            "get" => ApiResult.Ok(Get(store, request.Namespace!, request.Name!)),
            "list" => ApiResult.Ok(List(store, request)),
            "update" => Put(store, request, request.Name!),
            "create" => Create(store, request),
            "delete" => Delete(store, request.Namespace!, request.Name!),
            _ => throw ApiException.MethodNotSupported(ResourceTypes.ImageStreamTags, request.Verb),
        };
        return Task.FromResult(result);
    }

    public static (string Stream, string Tag) SplitName(string name)
    {
        var parts = name.Split(':');
        if (parts.Length != 2 || parts[0].Length == 0 || parts[1].Length == 0)
        {
            throw ApiException.BadRequest("ImageStreamTags must be retrieved with <name>:<tag>");
        }

        return (parts[0], parts[1]);
    }

    public static JsonObject Get(ObjectStore store, string ns, string name)
    {
        var (streamName, tag) = SplitName(name);
        var stream = store.Get(ResourceTypes.ImageStreams, ns, streamName) ?? throw ApiException.NotFound(ResourceTypes.ImageStreamTags, name);
        return ImageStreamTagView.Build(stream, tag) ?? throw ApiException.NotFound(ResourceTypes.ImageStreamTags, name);
    }

    private static JsonObject List(ObjectStore store, ApiRequest request)
    {
        var (streams, rv) = store.List(ResourceTypes.ImageStreams, request.Namespace);
        var items = streams
            .SelectMany(s => ((s["status"]?["tags"] as JsonArray)?.OfType<JsonObject>() ?? [])
                .Where(t => t["items"] is JsonArray { Count: > 0 })
                .Select(t => ImageStreamTagView.Build(s, Meta.Str(t["tag"]) ?? "")))
            .OfType<JsonObject>()
            .ToList();
        return new JsonObject
        {
            ["kind"] = "ImageStreamTagList",
            ["apiVersion"] = "image.openshift.io/v1",
            ["metadata"] = new JsonObject { ["resourceVersion"] = rv.ToString(System.Globalization.CultureInfo.InvariantCulture) },
            ["items"] = new JsonArray(items.Select(i => (JsonNode)i).ToArray()),
        };
    }

    private static ApiResult Create(ObjectStore store, ApiRequest request)
    {
        var body = request.Body ?? throw ApiException.BadRequest("the body of the request was empty");
        var name = Meta.Name(body);
        var (streamName, tag) = SplitName(name);
        var stream = store.Get(ResourceTypes.ImageStreams, request.Namespace, streamName);
        if (stream is not null && ImageStreamStrategy.SpecTags(stream).Any(t => Meta.Str(t["name"]) == tag))
        {
            throw ApiException.AlreadyExists(ResourceTypes.ImageStreamTags, name);
        }

        var result = Put(store, request with { Name = name }, name);
        return ApiResult.Created(result.Body);
    }

    private static ApiResult Put(ObjectStore store, ApiRequest request, string name)
    {
        var body = request.Body ?? throw ApiException.BadRequest("the body of the request was empty");
        var (streamName, tag) = SplitName(name);
        if (Meta.Name(body) is { Length: > 0 } bodyName && bodyName != name)
        {
            throw ApiException.BadRequest($"the name of the object ({bodyName}) does not match the name on the URL ({name})");
        }

        if (body["tag"] is not JsonObject specTag)
        {
            throw ApiException.Invalid(ResourceTypes.ImageStreamTags, name, "tag", "Required value: tag is required");
        }

        specTag = specTag.DeepClone().AsObject();
        specTag["name"] = tag;
        var ns = request.Namespace!;
        if (store.Get(ResourceTypes.ImageStreams, ns, streamName) is null)
        {
            var created = new JsonObject
            {
                ["metadata"] = new JsonObject { ["name"] = streamName, ["namespace"] = ns },
                ["spec"] = new JsonObject { ["tags"] = new JsonArray(specTag) },
            };
            if (body["lookupPolicy"] is JsonObject lookup)
            {
                created["spec"]!["lookupPolicy"] = lookup.DeepClone();
            }

            var stream = store.Create(ResourceTypes.ImageStreams, ns, created, request.DryRun);
            return ApiResult.Created(ImageStreamTagView.Build(stream, tag)!);
        }

        var expectedRv = Meta.ResourceVersion(body);
        var (updated, _) = store.Write(ResourceTypes.ImageStreams, ns, streamName, current =>
        {
            if (!string.IsNullOrEmpty(expectedRv) && expectedRv != Meta.ResourceVersion(current))
            {
                throw ApiException.Conflict(ResourceTypes.ImageStreamTags, name);
            }

            if (current["spec"] is not JsonObject spec)
            {
                spec = new JsonObject();
                current["spec"] = spec;
            }

            var tags = spec["tags"] as JsonArray ?? [];
            var kept = tags.OfType<JsonObject>().Where(t => Meta.Str(t["name"]) != tag).Select(t => (JsonNode)t.DeepClone()).ToList();
            var at = tags.OfType<JsonObject>().ToList().FindIndex(t => Meta.Str(t["name"]) == tag);
            kept.Insert(at < 0 ? kept.Count : at, specTag);
            spec["tags"] = new JsonArray(kept.ToArray());
            if (body["lookupPolicy"] is JsonObject lookup)
            {
                spec["lookupPolicy"] = lookup.DeepClone();
            }

            return current;
        }, WriteScope.Main, request.DryRun);
        return ApiResult.Ok(ImageStreamTagView.Build(updated, tag)!);
    }

    private static ApiResult Delete(ObjectStore store, string ns, string name)
    {
        var (streamName, tag) = SplitName(name);
        var stream = store.Get(ResourceTypes.ImageStreams, ns, streamName);
        if (stream is null || ImageStreamTagView.Build(stream, tag) is null)
        {
            throw ApiException.NotFound(ResourceTypes.ImageStreamTags, name);
        }

        store.Write(ResourceTypes.ImageStreams, ns, streamName, current => RemoveTag(current, "spec", "name", tag));
        store.Write(ResourceTypes.ImageStreams, ns, streamName, current => RemoveTag(current, "status", "tag", tag), WriteScope.Status);
        return ApiResult.Ok(Status.Success(ResourceTypes.ImageStreamTags, name));
    }

    private static JsonObject RemoveTag(JsonObject stream, string section, string key, string tag)
    {
        if (stream[section]?["tags"] is JsonArray tags)
        {
            stream[section]!["tags"] = new JsonArray(tags.OfType<JsonObject>().Where(t => Meta.Str(t[key]) != tag).Select(t => (JsonNode)t.DeepClone()).ToArray());
        }

        return stream;
    }
}
