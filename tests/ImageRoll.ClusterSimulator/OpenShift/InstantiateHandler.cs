using System.Text.Json.Nodes;
using ImageRoll.ClusterSimulator.Http;
using ImageRoll.ClusterSimulator.Store;

namespace ImageRoll.ClusterSimulator.OpenShift;

/// <summary>
/// Basic <c>POST deploymentconfigs/NAME/instantiate</c> (openshift-apiserver
/// pkg/apps/apiserver/registry/instantiate/rest.go) for a DeploymentRequest with latest: true: bumps
/// status.latestVersion with a Manual cause and answers 201 with the DeploymentConfig. The DC trigger work refines
/// it (trigger resolution, excludeTriggers, paused handling).
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

        var updated = store.Modify(ResourceTypes.DeploymentConfigs, request.Namespace, name, dc =>
        {
            var status = dc["status"] as JsonObject ?? new JsonObject();
            dc["status"] = status;
            var latest = Meta.Long(status["latestVersion"]) ?? 0;
            status["latestVersion"] = latest + 1;
            status["details"] = new JsonObject
            {
                ["message"] = "manual change",
                ["causes"] = new JsonArray(new JsonObject { ["type"] = "Manual" }),
            };
        }, WriteScope.Status);
        return Task.FromResult(ApiResult.Created(updated));
    }
}
