using System.Text.Json.Nodes;
using ImageRoll.ClusterSimulator.Controllers.Triggers;
using ImageRoll.ClusterSimulator.Http;
using ImageRoll.ClusterSimulator.Store;

namespace ImageRoll.ClusterSimulator.OpenShift;

/// <summary>
/// <c>POST deploymentconfigs/NAME/instantiate</c> (openshift-apiserver
/// pkg/apps/apiserver/registry/instantiate/rest.go), what <c>oc rollout latest</c> sends, in the real order:
/// a paused DC is refused (422, validation.go <c>ValidateRequestForDeploymentConfig</c>: "deployment config "x" is
/// paused - unpause to request a new deployment"); with <c>latest: true</c> the ImageChange triggers are processed
/// (<c>processTriggers</c>: with <c>force</c> every one, otherwise the automatic ones; not when
/// <c>excludeTriggers</c> names ImageChange; a trigger whose tag resolves to its <c>lastTriggeredImage</c> is left
/// alone, even if a container's image differs); then <c>canTrigger</c>: with latestVersion above 0 the RC
/// <c>&lt;dc&gt;-&lt;latestVersion&gt;</c> is read FIRST (<c>decodeFromLatestDeployment</c>: 404 when it does not exist
/// yet, even with force); an unresolved ImageChange trigger is a 400; with <c>force</c> the cause is Manual,
/// otherwise an automatic trigger that is new or has another lastTriggeredImage than the latest RC's config, or a
/// ConfigChange trigger with a changed template, or the answer is a Status "cannot be instantiated" (code 204).
/// Spec and status are written in one step so no controller sees the template change alone. Answers 201 with the
/// DeploymentConfig.
/// </summary>
public class InstantiateHandler : IApiHandler
{
    public virtual Task<ApiResult> HandleAsync(ApiRequest request, ObjectStore store, CancellationToken cancellationToken)
    {
        if (request.Verb != "create")
        {
            throw ApiException.MethodNotSupported(ResourceTypes.DeploymentConfigs, request.Verb);
        }

        var body = request.Body ?? throw ApiException.BadRequest("the body of the request was empty");
        if (Meta.Str(body["kind"]) is { } kind && kind != "DeploymentRequest")
        {
            throw ApiException.BadRequest($"the kind in the data ({kind}) does not match the expected kind (DeploymentRequest)");
        }

        var name = request.Name!;
        if (Meta.Str(body["name"]) is { Length: > 0 } bodyName && bodyName != name)
        {
            throw ApiException.BadRequest($"the name of the object ({bodyName}) does not match the name on the URL ({name})");
        }

        var latest = Flag(body["latest"]);
        var force = Flag(body["force"]);
        var excluded = (body["excludeTriggers"] as JsonArray)?.Select(t => Meta.Str(t)).ToHashSet() ?? [];
        JsonObject? noRollout = null;
        var (updated, _) = store.Write(ResourceTypes.DeploymentConfigs, request.Namespace, name, dc =>
        {
            if (Flag(dc["spec"]?["paused"]))
            {
                var detail = $"Invalid value: true: deployment config \"{name}\" is paused - unpause to request a new deployment";
                throw new ApiException(422, "Invalid", $"DeploymentRequest.apps.openshift.io \"{name}\" is invalid: spec.paused: {detail}",
                    new JsonObject
                    {
                        ["name"] = name,
                        ["group"] = "apps.openshift.io",
                        ["kind"] = "DeploymentRequest",
                        ["causes"] = new JsonArray(new JsonObject { ["reason"] = "FieldValueInvalid", ["message"] = detail, ["field"] = "spec.paused" }),
                    });
            }

            if (latest && !excluded.Contains("ImageChange"))
            {
                ProcessTriggers(store, dc, force);
            }

            var causes = CanTrigger(store, dc, name, force);
            if (causes is null)
            {
                noRollout = new JsonObject { ["kind"] = "Status", ["apiVersion"] = "v1", ["metadata"] = new JsonObject(), ["message"] = $"deployment config \"{name}\" cannot be instantiated", ["code"] = 204 };
                return dc;
            }

            var status = dc["status"] as JsonObject ?? new JsonObject();
            dc["status"] = status;
            status["latestVersion"] = (Meta.Long(status["latestVersion"]) ?? 0) + 1;
            var type = Meta.Str(causes[0]!["type"]);
            status["details"] = new JsonObject
            {
                ["message"] = type == "ImageChange" ? "image change" : type == "ConfigChange" ? "config change" : "manual change",
                ["causes"] = causes,
            };
            return dc;
        }, WriteScope.All, request.DryRun);
        return Task.FromResult(noRollout is null ? ApiResult.Created(updated) : ApiResult.Ok(noRollout));
    }

    /// <summary>rest.go <c>processTriggers</c>.</summary>
    private static void ProcessTriggers(ObjectStore store, JsonObject dc, bool force)
    {
        foreach (var trigger in DeploymentConfigImages.Triggers(dc).Where(t => Meta.Str(t["type"]) == "ImageChange"))
        {
            if (trigger["imageChangeParams"] is not JsonObject p || (!force && !Flag(p["automatic"])))
            {
                continue;
            }

            var ns = Meta.Str(p["from"]?["namespace"]) is { Length: > 0 } fromNs ? fromNs : Meta.Namespace(dc) ?? "";
            var reference = TagLookup.Resolve(store, ns, Meta.Str(p["from"]?["name"]) ?? "");
            var last = Meta.Str(p["lastTriggeredImage"]);
            if (string.IsNullOrEmpty(reference) || reference == last)
            {
                continue; // "Ensure a change occurred": the trigger is left alone
            }

            var names = (p["containerNames"] as JsonArray)?.Select(n => Meta.Str(n)).ToHashSet() ?? [];
            foreach (var list in new[] { "containers", "initContainers" })
            {
                foreach (var c in (dc["spec"]?["template"]?["spec"]?[list] as JsonArray)?.OfType<JsonObject>() ?? [])
                {
                    if (names.Contains(Meta.Str(c["name"])) && (Meta.Str(c["image"]) != reference || Meta.Str(p["lastTriggeredImage"]) != reference))
                    {
                        c["image"] = reference;
                        p["lastTriggeredImage"] = reference;
                    }
                }
            }
        }
    }

    /// <summary>rest.go <c>canTrigger</c>: the causes of the new version, or null when there is none to start.</summary>
    private static JsonArray? CanTrigger(ObjectStore store, JsonObject dc, string name, bool force)
    {
        var version = Meta.Long(dc["status"]?["latestVersion"]) ?? 0;
        var decoded = dc;
        if (version > 0)
        {
            var rcName = $"{name}-{version}";
            var rc = store.Get(ResourceTypes.ReplicationControllers, Meta.Namespace(dc), rcName) ?? throw ApiException.NotFound(ResourceTypes.ReplicationControllers, rcName);
            decoded = Meta.Annotation(rc, "openshift.io/encoded-deployment-config") is { } encoded && JsonNode.Parse(encoded) is JsonObject d
                ? d : throw new ApiException($"Internal error occurred: replication controller {rcName} carries no deployment config");
        }

        var imageTriggers = DeploymentConfigImages.Triggers(dc).Where(t => Meta.Str(t["type"]) == "ImageChange").Select(t => t["imageChangeParams"] as JsonObject ?? new JsonObject()).ToList();
        var previous = DeploymentConfigImages.Triggers(decoded).Where(t => Meta.Str(t["type"]) == "ImageChange").Select(t => t["imageChangeParams"] as JsonObject ?? new JsonObject()).ToList();
        bool Same(JsonObject a, JsonObject b) => Meta.Str(a["from"]?["name"]) == Meta.Str(b["from"]?["name"]) && Meta.Str(a["from"]?["namespace"]) == Meta.Str(b["from"]?["namespace"]);
        var hasUpdatedTriggers = imageTriggers.Any(t => !previous.Any(pt => Same(t, pt)));
        var causes = new JsonArray();
        var resolved = 0;
        var byImage = false;
        foreach (var p in imageTriggers)
        {
            if (string.IsNullOrEmpty(Meta.Str(p["lastTriggeredImage"])))
            {
                continue;
            }

            resolved++;
            if (!Flag(p["automatic"]))
            {
                continue;
            }

            var before = previous.FirstOrDefault(pt => Same(p, pt));
            byImage |= version == 0 || hasUpdatedTriggers || (before is not null && Meta.Str(before["lastTriggeredImage"]) != Meta.Str(p["lastTriggeredImage"]));
            if (byImage)
            {
                causes.Add(new JsonObject
                {
                    ["type"] = "ImageChange",
                    ["imageTrigger"] = new JsonObject { ["from"] = new JsonObject { ["kind"] = "ImageStreamTag", ["name"] = Meta.Str(p["from"]?["name"]), ["namespace"] = Meta.Str(p["from"]?["namespace"]) } },
                });
            }
        }

        if (resolved != imageTriggers.Count)
        {
            throw ApiException.BadRequest($"cannot trigger a deployment for \"{name}\" because it contains unresolved images");
        }

        if (force)
        {
            return new JsonArray(new JsonObject { ["type"] = "Manual" });
        }

        var configChange = DeploymentConfigImages.Triggers(dc).Any(t => Meta.Str(t["type"]) == "ConfigChange")
            && causes.Count == 0 && (version == 0 || !JsonNode.DeepEquals(dc["spec"]?["template"], decoded["spec"]?["template"]));
        return configChange ? new JsonArray(new JsonObject { ["type"] = "ConfigChange" }) : byImage ? causes : null;
    }

    private static bool Flag(JsonNode? node) => node is JsonValue v && v.TryGetValue<bool>(out var b) && b;
}
