using System.Text.Json.Nodes;
using ImageRoll.ClusterSimulator.Http;
using ImageRoll.ClusterSimulator.Store;

namespace ImageRoll.ClusterSimulator.Authorization;

/// <summary>
/// <c>POST /apis/authorization.k8s.io/v1/selfsubjectaccessreviews</c> (kube-apiserver
/// pkg/registry/authorization/selfsubjectaccessreview/rest.go), what <c>kubectl auth can-i</c> sends: the review is
/// answered with the caller's own authorizer (<see cref="Authenticator.Allows"/>: the admin token may do anything,
/// the restricted token what its policy allows) and returned with <c>status</c> filled in, 201 Created; nothing is
/// stored. A spec with neither resourceAttributes nor nonResourceAttributes is invalid (422), as upstream validation
/// (pkg/apis/authorization/validation) says.
/// </summary>
public sealed class SelfSubjectAccessReviewHandler(SimulatorOptions options) : IApiHandler
{
    private readonly Authenticator authorizer = new(options);

    public Task<ApiResult> HandleAsync(ApiRequest request, ObjectStore store, CancellationToken cancellationToken)
    {
        var type = ResourceTypes.SelfSubjectAccessReviews;
        if (request.Verb != "create")
        {
            throw ApiException.MethodNotSupported(type, request.Verb);
        }

        var body = request.Body ?? throw ApiException.BadRequest("the body of the request was empty");
        ResourceEndpoints.CheckKind(request, body);
        var resource = body["spec"]?["resourceAttributes"] as JsonObject;
        var nonResource = body["spec"]?["nonResourceAttributes"] as JsonObject;
        if ((resource is null) == (nonResource is null))
        {
            throw ApiException.Invalid(type, "", "spec.resourceAttributes",
                "Invalid value: \"null\": exactly one of nonResourceAttributes or resourceAttributes must be specified");
        }

        bool allowed;
        if (resource is not null)
        {
            var verb = Meta.Str(resource["verb"]) ?? "";
            var group = Meta.Str(resource["group"]) ?? "";
            var plural = Meta.Str(resource["resource"]) ?? "";
            var target = ResourceTypes.All.FirstOrDefault(t => t.Group == group && t.Plural == plural)
                ?? new ResourceType(group, Meta.Str(resource["version"]) ?? "v1", plural, plural, plural, Namespaced: true);
            var ns = Meta.Str(resource["namespace"]) is { Length: > 0 } n ? n : null;
            var name = Meta.Str(resource["name"]) is { Length: > 0 } nm ? nm : null;
            var sub = Meta.Str(resource["subresource"]) is { Length: > 0 } s ? s : null;
            allowed = authorizer.Allows(new ApiRequest(verb, target, ns, name, sub) { User = request.User });
        }
        else
        {
            allowed = request.User == Authenticator.AdminUser || Meta.Str(nonResource!["verb"]) == "get";
        }

        var answer = body.DeepClone().AsObject();
        answer["kind"] = type.Kind;
        answer["apiVersion"] = type.ApiVersion;
        answer["metadata"] = new JsonObject { ["creationTimestamp"] = null };
        answer["status"] = allowed
            ? new JsonObject { ["allowed"] = true, ["reason"] = $"simulator: allowed for user \"{request.User}\"" }
            : new JsonObject { ["allowed"] = false };
        return Task.FromResult(ApiResult.Created(answer));
    }
}
