using System.Text.Json.Nodes;
using ImageRoll.ClusterSimulator.Controllers.Triggers;
using ImageRoll.ClusterSimulator.Http;
using ImageRoll.ClusterSimulator.Store;

namespace ImageRoll.ClusterSimulator.OpenShift;

/// <summary>
/// <c>POST deploymentconfigs/NAME/instantiate</c> (openshift-apiserver
/// pkg/apps/apiserver/registry/instantiate/rest.go), what <c>oc rollout latest</c> sends: a paused DC is refused
/// (422 "can't instantiate a paused deployment config"); with <c>latest: true</c> the ImageChange triggers are
/// processed (with <c>force</c> every one, otherwise the automatic ones; not when <c>excludeTriggers</c> names
/// ImageChange); an unresolved image trigger is a 400; with <c>force</c> the cause is Manual, otherwise the rollout
/// must be due (image or config change) or the answer is a 204 Status. Spec and status are written in one step so
/// no controller sees the template change alone. Answers 201 with the DeploymentConfig.
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
                throw ApiException.Invalid(ResourceTypes.DeploymentConfigs, name, "paused", "Invalid value: true: can't instantiate a paused deployment config");
            }

            if (latest && !excluded.Contains("ImageChange"))
            {
                DeploymentConfigImages.Apply(store, dc, onlyAutomatic: !force, out _);
            }

            if (DeploymentConfigImages.Triggers(dc).Any(t => Meta.Str(t["type"]) == "ImageChange" && string.IsNullOrEmpty(Meta.Str(t["imageChangeParams"]?["lastTriggeredImage"]))))
            {
                throw ApiException.BadRequest($"cannot trigger a deployment for \"{name}\" because it contains unresolved images");
            }

            var causes = force ? new JsonArray(new JsonObject { ["type"] = "Manual" }) : DeploymentConfigTriggerController.Causes(store, dc);
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

    private static bool Flag(JsonNode? node) => node is JsonValue v && v.TryGetValue<bool>(out var b) && b;
}
