using System.Text.Json.Nodes;
using ImageRoll.ClusterSimulator.Store;

namespace ImageRoll.ClusterSimulator.Controllers.Triggers;

/// <summary>
/// When a DeploymentConfig rolls out (the triggerActivated/canTrigger half of openshift's DC logic,
/// openshift-apiserver pkg/apps/apiserver/registry/instantiate/rest.go canTrigger): never while paused, never while
/// an ImageChange trigger is unresolved (<c>lastTriggeredImage</c> empty: "waiting on image update"); an automatic
/// ImageChange trigger whose lastTriggeredImage differs from the one recorded in the latest RC
/// (<c>openshift.io/encoded-deployment-config</c>) or any first version is an image-change rollout; otherwise a
/// ConfigChange trigger rolls out on a template change (or the first version). Either increments
/// <c>status.latestVersion</c> and sets <c>status.details</c>; the RC per version is the deployer's work.
/// </summary>
public sealed class DeploymentConfigTriggerController : ISimulatorController
{
    public string Name => "deploymentconfig-trigger";

    public async Task RunAsync(ControllerContext context, CancellationToken cancellationToken)
    {
        using var watch = context.Watch(ResourceTypes.DeploymentConfigs, ResourceTypes.ReplicationControllers);
        await foreach (var e in watch.WithCancellation(cancellationToken).ConfigureAwait(false))
        {
            if (e.Type is StoreEvent.Bookmark or StoreEvent.Deleted)
            {
                continue;
            }

            var name = e.Resource == ResourceTypes.DeploymentConfigs ? e.Name : Meta.Annotation(e.Object, "openshift.io/deployment-config.name");
            if (name is not null)
            {
                Reconcile(context, e.Namespace, name);
            }
        }
    }

    /// <summary>The causes of a rollout the DC is due for, or none.</summary>
    public static JsonArray? Causes(ObjectStore store, JsonObject dc)
    {
        if (dc["spec"]?["paused"] is JsonValue p && p.TryGetValue<bool>(out var paused) && paused)
        {
            return null;
        }

        var imageTriggers = DeploymentConfigImages.Triggers(dc).Where(t => Meta.Str(t["type"]) == "ImageChange").ToList();
        if (imageTriggers.Any(t => string.IsNullOrEmpty(Meta.Str(t["imageChangeParams"]?["lastTriggeredImage"]))))
        {
            return null;
        }

        var latest = Meta.Long(dc["status"]?["latestVersion"]) ?? 0;
        JsonObject? previous = null;
        if (latest > 0)
        {
            var rc = store.Get(ResourceTypes.ReplicationControllers, Meta.Namespace(dc), $"{Meta.Name(dc)}-{latest}");
            if (rc is null || Meta.Annotation(rc, "openshift.io/encoded-deployment-config") is not { } encoded)
            {
                return null; // the deployer has not made this version's RC yet
            }

            previous = JsonNode.Parse(encoded) as JsonObject;
        }

        var causes = new JsonArray();
        foreach (var p2 in DeploymentConfigImages.AutomaticImageTriggers(dc))
        {
            var last = Meta.Str(p2["lastTriggeredImage"]);
            var before = previous is null ? null : DeploymentConfigImages.AutomaticImageTriggers(previous)
                .FirstOrDefault(t => Meta.Str(t["from"]?["name"]) == Meta.Str(p2["from"]?["name"]) && Meta.Str(t["from"]?["namespace"]) == Meta.Str(p2["from"]?["namespace"]));
            if (previous is null || before is null || Meta.Str(before["lastTriggeredImage"]) != last)
            {
                causes.Add(new JsonObject
                {
                    ["type"] = "ImageChange",
                    ["imageTrigger"] = new JsonObject { ["from"] = new JsonObject { ["kind"] = "DockerImage", ["name"] = last } },
                });
            }
        }

        var hasConfigChange = DeploymentConfigImages.Triggers(dc).Any(t => Meta.Str(t["type"]) == "ConfigChange");
        if (causes.Count == 0 && hasConfigChange && (previous is null || !JsonNode.DeepEquals(dc["spec"]?["template"], previous["spec"]?["template"])))
        {
            causes.Add(new JsonObject { ["type"] = "ConfigChange" });
        }

        return causes.Count > 0 ? causes : null;
    }

    private static void Reconcile(ControllerContext context, string? ns, string name)
    {
        try
        {
            context.Store.Write(ResourceTypes.DeploymentConfigs, ns, name, dc =>
            {
                if (Causes(context.Store, dc) is { } causes)
                {
                    var status = dc["status"] as JsonObject ?? new JsonObject();
                    dc["status"] = status;
                    status["latestVersion"] = (Meta.Long(status["latestVersion"]) ?? 0) + 1;
                    status["details"] = new JsonObject
                    {
                        ["message"] = Meta.Str(causes[0]!["type"]) == "ImageChange" ? "image change" : "config change",
                        ["causes"] = causes,
                    };
                    context.Log($"DeploymentConfig {ns}/{name}: rolling out version {status["latestVersion"]} ({status["details"]!["message"]})");
                }

                return dc;
            }, WriteScope.Status, dryRun: false);
        }
        catch (ApiException ex) when (ex.Code == 404)
        {
        }
    }
}
