using System.Text.Json.Nodes;
using ImageRoll.ClusterSimulator.Patching;
using ImageRoll.ClusterSimulator.Store;

namespace ImageRoll.ClusterSimulator.Http;

/// <summary>Applies a PATCH body to an object by Content-Type (k8s.io/apiserver pkg/endpoints/handlers/patch.go).</summary>
internal static class PatchApplier
{
    public static JsonObject Apply(JsonObject current, ApiRequest request)
    {
        var contentType = (request.ContentType ?? "").Split(';')[0].Trim();
        var patch = request.BodyNode;
        JsonNode? result = contentType switch
        {
            "application/merge-patch+json" => MergePatch.Apply(current, RequireObject(patch)),
            "application/strategic-merge-patch+json" => StrategicMergePatch.Apply(current, RequireObject(patch)),
            "application/json-patch+json" => JsonPatch.Apply(current, patch),
            _ => throw ApiException.UnsupportedMediaType(contentType),
        };
        return result as JsonObject ?? throw ApiException.BadRequest("the patch did not produce a JSON object");
    }

    private static JsonObject RequireObject(JsonNode? patch) =>
        patch as JsonObject ?? throw ApiException.BadRequest("json: cannot unmarshal array into Go value of type map[string]interface {}");
}
