using System.Text.Json.Nodes;
using ImageRoll.ClusterSimulator.Store;

namespace ImageRoll.ClusterSimulator.Http;

/// <summary>
/// The OpenAPI v3 documents kubectl's --validate=strict needs (docs/simulator.md, "What kubectl asks of it"):
/// /openapi/v3 lists the group versions; each group-version document has, per kind, a path whose patch operation
/// carries x-kubernetes-group-version-kind and the fieldValidation query parameter, so kubectl knows the server
/// validates fields itself (k8s.io/cli-runtime pkg/resource/query_param_verifier_v3.go, used from kubectl
/// pkg/cmd/util). No schemas: kubectl then builds strategic merge patches from its compiled-in types, and merge
/// patches for OpenShift kinds, as against a real OpenShift.
/// </summary>
public static class OpenApiDocuments
{
    private const string Hash = "0123456789ABCDEF";

    public static JsonObject Index()
    {
        var paths = new JsonObject();
        foreach (var (group, version) in ResourceTypes.GroupVersions)
        {
            var key = GroupVersionKey(group, version);
            paths[key] = new JsonObject { ["serverRelativeURL"] = $"/openapi/v3/{key}?hash={Hash}" };
        }

        return new JsonObject { ["paths"] = paths };
    }

    /// <summary>The document for "api/v1" or "apis/G/V", or null.</summary>
    public static JsonObject? Document(string key)
    {
        var types = ResourceTypes.All.Where(t => GroupVersionKey(t.Group, t.Version) == key).ToList();
        if (types.Count == 0)
        {
            return null;
        }

        var paths = new JsonObject();
        foreach (var t in types)
        {
            var prefix = t.GroupVersionPath + (t.Namespaced ? "/namespaces/{namespace}/" : "/") + t.Plural + "/{name}";
            var gvk = new JsonObject { ["group"] = t.Group, ["version"] = t.Version, ["kind"] = t.Kind };
            paths[prefix] = new JsonObject
            {
                ["get"] = Operation("read", t, gvk, false),
                ["put"] = Operation("replace", t, gvk, true),
                ["patch"] = Operation("patch", t, gvk, true),
                ["delete"] = Operation("delete", t, gvk, false),
            };
        }

        return new JsonObject
        {
            ["openapi"] = "3.0.0",
            ["info"] = new JsonObject { ["title"] = "Kubernetes", ["version"] = "v1.31.9" },
            ["paths"] = paths,
            ["components"] = new JsonObject { ["schemas"] = new JsonObject() },
        };
    }

    private static JsonObject Operation(string action, ResourceType t, JsonObject gvk, bool fieldValidation)
    {
        var parameters = new JsonArray(
            Parameter("dryRun"),
            Parameter("fieldManager"));
        if (fieldValidation)
        {
            parameters.Add(Parameter("fieldValidation"));
        }

        if (action == "patch")
        {
            parameters.Add(Parameter("force", "boolean"));
        }

        return new JsonObject
        {
            ["operationId"] = action + t.Kind,
            ["parameters"] = parameters,
            ["responses"] = new JsonObject { ["200"] = new JsonObject { ["description"] = "OK" } },
            ["x-kubernetes-action"] = action == "read" ? "get" : action == "replace" ? "put" : action,
            ["x-kubernetes-group-version-kind"] = gvk.DeepClone(),
        };
    }

    private static JsonObject Parameter(string name, string type = "string") => new()
    {
        ["name"] = name,
        ["in"] = "query",
        ["schema"] = new JsonObject { ["type"] = type, ["uniqueItems"] = true },
    };

    private static string GroupVersionKey(string group, string version) => group.Length == 0 ? "api/" + version : $"apis/{group}/{version}";
}
