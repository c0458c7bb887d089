using System.Text.Json.Nodes;
using ImageRoll.ClusterSimulator.Http;
using ImageRoll.ClusterSimulator.Store;

namespace ImageRoll.ClusterSimulator.OpenShift;

/// <summary>
/// Basic ImageStreamImport (POST .../imagestreamimports, openshift-apiserver registry/imagestreamimport): with
/// spec.import true the requested tags are written into the stream's spec, and every image is answered as not
/// importable because this basic handler reaches no registry. The image-import work replaces it with one that
/// imports from real registries.
/// </summary>
public class ImageStreamImportHandler : IApiHandler
{
    public virtual Task<ApiResult> HandleAsync(ApiRequest request, ObjectStore store, CancellationToken cancellationToken)
    {
        if (request.Verb != "create")
        {
            throw ApiException.MethodNotSupported(ResourceTypes.ImageStreamImports, request.Verb);
        }

        var body = request.Body ?? throw ApiException.BadRequest("the body of the request was empty");
        var ns = request.Namespace!;
        var name = Meta.Name(body);
        var images = (body["spec"]?["images"] as JsonArray)?.OfType<JsonObject>().ToList() ?? [];
        var statuses = new JsonArray();
        foreach (var image in images)
        {
            statuses.Add(new JsonObject
            {
                ["status"] = Status.Failure(500, "InternalError",
                    $"Internal error occurred: the simulated cluster has no image import handler for \"{Meta.Str(image["from"]?["name"])}\""),
                ["tag"] = Meta.Str(image["to"]?["name"]) ?? "",
            });
        }

        var result = body.DeepClone().AsObject();
        result["kind"] = "ImageStreamImport";
        result["apiVersion"] = "image.openshift.io/v1";
        Meta.Of(result)["namespace"] = ns;
        Meta.Of(result)["creationTimestamp"] = Meta.Timestamp(store.Clock.GetUtcNow());
        var status = new JsonObject { ["images"] = statuses };
        if (body["spec"]?["import"] is JsonValue flag && flag.TryGetValue<bool>(out var doImport) && doImport && !request.DryRun)
        {
            status["import"] = WriteSpecTags(store, ns, name, images);
        }

        result["status"] = status;
        return Task.FromResult(ApiResult.Created(result));
    }

    private static JsonObject WriteSpecTags(ObjectStore store, string ns, string name, List<JsonObject> images)
    {
        var tags = images.Where(i => Meta.Str(i["to"]?["name"]) is { Length: > 0 }).Select(i => new JsonObject
        {
            ["name"] = Meta.Str(i["to"]?["name"]),
            ["from"] = i["from"]?.DeepClone(),
            ["importPolicy"] = i["importPolicy"]?.DeepClone() ?? new JsonObject(),
            ["referencePolicy"] = i["referencePolicy"]?.DeepClone() ?? new JsonObject { ["type"] = "Source" },
            ["generation"] = 0,
        }).ToList();
        if (store.Get(ResourceTypes.ImageStreams, ns, name) is null)
        {
            return store.Create(ResourceTypes.ImageStreams, ns, new JsonObject
            {
                ["metadata"] = new JsonObject { ["name"] = name },
                ["spec"] = new JsonObject { ["tags"] = new JsonArray(tags.Select(t => (JsonNode)t).ToArray()) },
            });
        }

        return store.Modify(ResourceTypes.ImageStreams, ns, name, stream =>
        {
            var spec = stream["spec"] as JsonObject ?? new JsonObject();
            stream["spec"] = spec;
            var existing = (spec["tags"] as JsonArray)?.OfType<JsonObject>().Select(t => t.DeepClone().AsObject()).ToList() ?? [];
            foreach (var tag in tags)
            {
                var at = existing.FindIndex(t => Meta.Str(t["name"]) == Meta.Str(tag["name"]));
                if (at >= 0)
                {
                    existing[at] = tag;
                }
                else
                {
                    existing.Add(tag);
                }
            }

            spec["tags"] = new JsonArray(existing.Select(t => (JsonNode)t).ToArray());
        });
    }
}
