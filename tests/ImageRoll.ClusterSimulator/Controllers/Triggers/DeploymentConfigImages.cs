using System.Text.Json.Nodes;
using ImageRoll.ClusterSimulator.Store;

namespace ImageRoll.ClusterSimulator.Controllers.Triggers;

/// <summary>
/// Setting a DeploymentConfig's images from its ImageChange triggers, as the trigger reactor does:
/// openshift-controller-manager pkg/image/trigger/deploymentconfigs/deploymentconfigs.go UpdateDeploymentConfigImages
/// (only <c>from.kind: ImageStreamTag</c>, only <c>automatic: true</c>). Instantiate has its own rules
/// (<see cref="OpenShift.InstantiateHandler"/>).
/// Returns false when a trigger cannot be resolved and has never been (<c>lastTriggeredImage</c> empty).
/// </summary>
public static class DeploymentConfigImages
{
    public static bool Apply(ObjectStore store, JsonObject dc, bool onlyAutomatic, out bool changed)
    {
        changed = false;
        foreach (var trigger in Triggers(dc))
        {
            if (trigger["imageChangeParams"] is not JsonObject p || Meta.Str(p["from"]?["kind"]) != "ImageStreamTag")
            {
                continue;
            }

            if (onlyAutomatic && !(p["automatic"] is JsonValue a && a.TryGetValue<bool>(out var auto) && auto))
            {
                continue;
            }

            var ns = Meta.Str(p["from"]?["namespace"]) is { Length: > 0 } fromNs ? fromNs : Meta.Namespace(dc) ?? "";
            var reference = TagLookup.Resolve(store, ns, Meta.Str(p["from"]?["name"]) ?? "");
            var last = Meta.Str(p["lastTriggeredImage"]);
            if (reference is null && string.IsNullOrEmpty(last))
            {
                return false;
            }

            reference ??= last!;
            if (last != reference)
            {
                p["lastTriggeredImage"] = reference;
                changed = true;
            }

            var names = (p["containerNames"] as JsonArray)?.Select(n => Meta.Str(n)).ToHashSet() ?? [];
            foreach (var list in new[] { "initContainers", "containers" })
            {
                foreach (var c in (dc["spec"]?["template"]?["spec"]?[list] as JsonArray)?.OfType<JsonObject>() ?? [])
                {
                    if (names.Contains(Meta.Str(c["name"])) && Meta.Str(c["image"]) != reference)
                    {
                        c["image"] = reference;
                        changed = true;
                    }
                }
            }
        }

        return true;
    }

    public static IEnumerable<JsonObject> Triggers(JsonObject dc) => (dc["spec"]?["triggers"] as JsonArray)?.OfType<JsonObject>() ?? [];

    public static IEnumerable<JsonObject> AutomaticImageTriggers(JsonObject dc) =>
        Triggers(dc).Where(t => Meta.Str(t["type"]) == "ImageChange" && t["imageChangeParams"] is JsonObject p
            && Meta.Str(p["from"]?["kind"]) == "ImageStreamTag" && p["automatic"] is JsonValue a && a.TryGetValue<bool>(out var b) && b)
            .Select(t => (JsonObject)t["imageChangeParams"]!);
}
