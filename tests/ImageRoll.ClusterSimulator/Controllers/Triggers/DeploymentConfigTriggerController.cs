using System.Text.Json.Nodes;
using ImageRoll.ClusterSimulator.Store;

namespace ImageRoll.ClusterSimulator.Controllers.Triggers;

/// <summary>
/// When the DeploymentConfig controller starts a new version by itself (openshift-controller-manager
/// pkg/apps/deploymentconfig/deploymentconfig_controller.go <c>Handle</c> / <c>triggerActivated</c>): never while
/// paused, without any trigger, or while a container image is empty; the first version once every ImageChange trigger
/// has a <c>lastTriggeredImage</c> (or at once with only a ConfigChange trigger); later versions only once the latest
/// RC exists, then with ANY ImageChange trigger (automatic or not) when a container's image is not among the latest
/// RC's images (<c>hasUpdatedImages</c>: an "image change" cause per new image), else with a ConfigChange trigger when
/// the template differs from the one encoded in the latest RC (<c>hasLatestPodTemplate</c>). It increments
/// <c>status.latestVersion</c> with <c>status.details</c>; making the RC is the deploymentconfig controller's part.
/// What instantiate decides is another function (<see cref="OpenShift.InstantiateHandler"/>, canTrigger).
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

    /// <summary>The causes of the new version the controller starts (triggerActivated), or null.</summary>
    public static JsonArray? Causes(ObjectStore store, JsonObject dc)
    {
        if (dc["spec"]?["paused"] is JsonValue p && p.TryGetValue<bool>(out var paused) && paused)
        {
            return null;
        }

        var triggers = DeploymentConfigImages.Triggers(dc).ToList();
        var imageTrigger = triggers.Any(t => Meta.Str(t["type"]) == "ImageChange");
        var configTrigger = triggers.Any(t => Meta.Str(t["type"]) == "ConfigChange");
        var containers = (dc["spec"]?["template"]?["spec"]?["containers"] as JsonArray)?.OfType<JsonObject>().ToList() ?? [];
        if ((!imageTrigger && !configTrigger) || containers.Any(c => string.IsNullOrWhiteSpace(Meta.Str(c["image"]))))
        {
            return null; // Handle: never deploy with invalid or unresolved images
        }

        JsonArray ConfigChange() => new(new JsonObject { ["type"] = "ConfigChange" });
        var latest = Meta.Long(dc["status"]?["latestVersion"]) ?? 0;
        if (latest == 0)
        {
            // appsutil.HasLastTriggeredImage: every ImageChange trigger resolved (recorded as a config change cause).
            return !imageTrigger || triggers.Where(t => Meta.Str(t["type"]) == "ImageChange").All(t => !string.IsNullOrEmpty(Meta.Str(t["imageChangeParams"]?["lastTriggeredImage"])))
                ? ConfigChange() : null;
        }

        var rc = store.Get(ResourceTypes.ReplicationControllers, Meta.Namespace(dc), $"{Meta.Name(dc)}-{latest}");
        if (rc is null)
        {
            return null; // wait for the RC of the latest version
        }

        if (imageTrigger)
        {
            var rcImages = (rc["spec"]?["template"]?["spec"]?["containers"] as JsonArray)?.OfType<JsonObject>().Select(c => Meta.Str(c["image"])).ToHashSet() ?? [];
            var updated = containers.Select(c => Meta.Str(c["image"])).Where(i => !rcImages.Contains(i)).ToList();
            if (updated.Count > 0)
            {
                return new JsonArray(updated.Select(i => (JsonNode)new JsonObject
                {
                    ["type"] = "ImageChange",
                    ["imageTrigger"] = new JsonObject { ["from"] = new JsonObject { ["kind"] = "DockerImage", ["name"] = i } },
                }).ToArray());
            }
        }

        if (configTrigger && Meta.Annotation(rc, "openshift.io/encoded-deployment-config") is { } encoded
            && JsonNode.Parse(encoded) is JsonObject previous && !JsonNode.DeepEquals(dc["spec"]?["template"], previous["spec"]?["template"]))
        {
            return ConfigChange();
        }

        return null;
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
