using System.Text.Json.Nodes;
using ImageRoll.ClusterSimulator.Store;

namespace ImageRoll.ClusterSimulator.Http;

/// <summary>The scale subresource (autoscaling/v1 Scale) over spec.replicas, as `kubectl scale` uses it.</summary>
internal static class Scale
{
    public static ApiResult Serve(ApiRequest request, ObjectStore store)
    {
        var type = request.Type;
        switch (request.Verb)
        {
            case "get":
                return ApiResult.Ok(From(type, store.GetRequired(type, request.Namespace, request.Name!)));
            case "update":
            case "patch":
                var replicas = 0L;
                var updated = store.Write(type, request.Namespace, request.Name!, current =>
                {
                    var scale = From(type, current);
                    var desired = request.Verb == "update" ? ResourceEndpoints.RequireBody(request) : PatchApplier.Apply(scale, request);
                    replicas = Meta.Long(desired["spec"]?["replicas"]) ?? 0;
                    if (Meta.ResourceVersion(desired) is { Length: > 0 } rv)
                    {
                        Meta.Of(current)["resourceVersion"] = rv;
                    }

                    if (current["spec"] is JsonObject spec)
                    {
                        spec["replicas"] = replicas;
                    }

                    return current;
                }, WriteScope.Main, request.DryRun).Object;
                return ApiResult.Ok(From(type, updated));
            default:
                throw ApiException.MethodNotSupported(type, request.Verb);
        }
    }

    private static JsonObject From(ResourceType type, JsonObject obj)
    {
        var metadata = Meta.Of(obj);
        var selector = obj["spec"]?["selector"] switch
        {
            JsonObject { } s when s["matchLabels"] is JsonObject m => string.Join(',', m.Select(p => $"{p.Key}={Meta.Str(p.Value)}")),
            JsonObject s when type == ResourceTypes.ReplicationControllers || type == ResourceTypes.DeploymentConfigs =>
                string.Join(',', s.Select(p => $"{p.Key}={Meta.Str(p.Value)}")),
            _ => "",
        };
        return new JsonObject
        {
            ["kind"] = "Scale",
            ["apiVersion"] = "autoscaling/v1",
            ["metadata"] = new JsonObject
            {
                ["name"] = metadata["name"]?.DeepClone(),
                ["namespace"] = metadata["namespace"]?.DeepClone(),
                ["uid"] = metadata["uid"]?.DeepClone(),
                ["resourceVersion"] = metadata["resourceVersion"]?.DeepClone(),
                ["creationTimestamp"] = metadata["creationTimestamp"]?.DeepClone(),
            },
            ["spec"] = new JsonObject { ["replicas"] = obj["spec"]?["replicas"]?.DeepClone() ?? 0 },
            ["status"] = new JsonObject { ["replicas"] = obj["status"]?["replicas"]?.DeepClone() ?? 0, ["selector"] = selector },
        };
    }
}
