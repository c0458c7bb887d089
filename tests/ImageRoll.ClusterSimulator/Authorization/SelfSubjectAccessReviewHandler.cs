using System.Text.Json.Nodes;
using ImageRoll.ClusterSimulator.Http;
using ImageRoll.ClusterSimulator.Store;

namespace ImageRoll.ClusterSimulator.Authorization;

/// <summary>
/// <c>POST /apis/authorization.k8s.io/v1/selfsubjectaccessreviews</c> (kube-apiserver
/// pkg/registry/authorization/selfsubjectaccessreview/rest.go), what <c>kubectl auth can-i</c> sends: the review is
/// answered with the caller's own authorizer (<see cref="Authenticator.Decide"/>: the admin token may do anything,
/// a service account's token what RBAC allows, the restricted token what its policy allows) and returned with
/// <c>status</c> filled in (<c>allowed</c>, and the authorizer's <c>reason</c> when it has one), 201 Created; nothing
/// is stored. A spec with neither resourceAttributes nor nonResourceAttributes is invalid (422), as upstream
/// validation (pkg/apis/authorization/validation) says.
/// </summary>
public sealed class SelfSubjectAccessReviewHandler(Authenticator authenticator) : IApiHandler
{
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

        var attributes = resource is not null
            ? new AccessAttributes(
                Meta.Str(resource["verb"]) ?? "",
                Meta.Str(resource["group"]) ?? "",
                Meta.Str(resource["resource"]) ?? "",
                Meta.Str(resource["subresource"]) is { Length: > 0 } s ? s : null,
                Meta.Str(resource["namespace"]) is { Length: > 0 } n ? n : null,
                Meta.Str(resource["name"]) is { Length: > 0 } nm ? nm : null)
            : AccessAttributes.NonResource(Meta.Str(nonResource!["verb"]) ?? "", Meta.Str(nonResource["path"]) ?? "");
        var decision = authenticator.Decide(request.User, attributes);

        var answer = body.DeepClone().AsObject();
        answer["kind"] = type.Kind;
        answer["apiVersion"] = type.ApiVersion;
        answer["metadata"] = new JsonObject { ["creationTimestamp"] = null };
        var status = new JsonObject { ["allowed"] = decision.Allowed };
        if (decision.Reason.Length > 0)
        {
            status["reason"] = decision.Reason;
        }

        answer["status"] = status;
        return Task.FromResult(ApiResult.Created(answer));
    }
}
