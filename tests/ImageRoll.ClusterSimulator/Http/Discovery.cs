using System.Text.Json.Nodes;
using ImageRoll.ClusterSimulator.Store;

namespace ImageRoll.ClusterSimulator.Http;

/// <summary>
/// Legacy (unaggregated) discovery: /api, /apis, /apis/G, /api/v1, /apis/G/V, and /version. kubectl accepts these
/// when it asked for aggregated discovery and got plain application/json (client-go discovery/discovery_client.go
/// <c>downloadAPIs</c> falls back to legacy unless <c>ContentTypeIsGVK</c> matches; docs/simulator.md, "What kubectl
/// asks of it").
/// </summary>
public static class Discovery
{
    /// <summary>
    /// /version. kubectl's dispatcher on these machines picks its binary by minor; "31" makes every command send
    /// JSON instead of protobuf.
    /// </summary>
    public static JsonObject Version() => new()
    {
        ["major"] = "1",
        ["minor"] = "31",
        ["gitVersion"] = "v1.31.9",
        ["gitCommit"] = "0000000000000000000000000000000000000000",
        ["gitTreeState"] = "clean",
        ["buildDate"] = "2025-05-15T00:00:00Z",
        ["goVersion"] = "go1.23.8",
        ["compiler"] = "gc",
        ["platform"] = "linux/amd64",
    };

    public static JsonObject CoreVersions(string serverAddress) => new()
    {
        ["kind"] = "APIVersions",
        ["versions"] = new JsonArray("v1"),
        ["serverAddressByClientCIDRs"] = new JsonArray(new JsonObject { ["clientCIDR"] = "0.0.0.0/0", ["serverAddress"] = serverAddress }),
    };

    public static JsonObject Groups() => new()
    {
        ["kind"] = "APIGroupList",
        ["apiVersion"] = "v1",
        ["groups"] = new JsonArray(ResourceTypes.GroupVersions.Where(gv => gv.Group.Length > 0).Select(gv => (JsonNode)Group(gv.Group, gv.Version)).ToArray()),
    };

    public static JsonObject? Group(string group)
    {
        var gv = ResourceTypes.GroupVersions.FirstOrDefault(g => g.Group == group && group.Length > 0);
        if (gv.Group is null)
        {
            return null;
        }

        var result = Group(gv.Group, gv.Version);
        result["kind"] = "APIGroup";
        result["apiVersion"] = "v1";
        return result;
    }

    /// <summary>APIResourceList of a group version, or null when it is not served.</summary>
    public static JsonObject? Resources(string group, string version)
    {
        var types = ResourceTypes.All.Where(t => t.Group == group && t.Version == version).ToList();
        if (types.Count == 0)
        {
            return null;
        }

        var resources = new JsonArray();
        foreach (var t in types)
        {
            var entry = new JsonObject
            {
                ["name"] = t.Plural,
                ["singularName"] = t.Singular,
                ["namespaced"] = t.Namespaced,
                ["kind"] = t.Kind,
                ["verbs"] = new JsonArray(t.Verbs.Select(v => (JsonNode)v).ToArray()),
            };
            if (t.ShortNames.Count > 0)
            {
                entry["shortNames"] = new JsonArray(t.ShortNames.Select(s => (JsonNode)s).ToArray());
            }

            if (t.Categories.Count > 0)
            {
                entry["categories"] = new JsonArray(t.Categories.Select(s => (JsonNode)s).ToArray());
            }

            resources.Add(entry);
            if (t.HasStatusSubresource)
            {
                resources.Add(Subresource(t, "status", t.Kind, ["get", "patch", "update"]));
            }

            foreach (var sub in t.Subresources)
            {
                resources.Add(sub switch
                {
                    "scale" => Subresource(t, sub, "Scale", ["get", "patch", "update"], "autoscaling", "v1"),
                    "instantiate" => Subresource(t, sub, "DeploymentRequest", ["create"]),
                    "token" => Subresource(t, sub, "TokenRequest", ["create"], "authentication.k8s.io", "v1"),
                    _ => Subresource(t, sub, t.Kind, ["create"]),
                });
            }
        }

        return new JsonObject
        {
            ["kind"] = "APIResourceList",
            ["apiVersion"] = "v1",
            ["groupVersion"] = group.Length == 0 ? version : $"{group}/{version}",
            ["resources"] = resources,
        };
    }

    private static JsonObject Subresource(ResourceType t, string sub, string kind, string[] verbs, string? group = null, string? version = null)
    {
        var entry = new JsonObject
        {
            ["name"] = $"{t.Plural}/{sub}",
            ["singularName"] = "",
            ["namespaced"] = t.Namespaced,
        };
        if (group is not null)
        {
            entry["group"] = group;
            entry["version"] = version;
        }

        entry["kind"] = kind;
        entry["verbs"] = new JsonArray(verbs.Select(v => (JsonNode)v).ToArray());
        return entry;
    }

    private static JsonObject Group(string group, string version)
    {
        var gv = new JsonObject { ["groupVersion"] = $"{group}/{version}", ["version"] = version };
        return new JsonObject
        {
            ["name"] = group,
            ["versions"] = new JsonArray(gv),
            ["preferredVersion"] = gv.DeepClone(),
        };
    }
}
