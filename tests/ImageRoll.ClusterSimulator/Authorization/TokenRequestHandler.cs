using System.Text.Json.Nodes;
using ImageRoll.ClusterSimulator.Http;
using ImageRoll.ClusterSimulator.Store;

namespace ImageRoll.ClusterSimulator.Authorization;

/// <summary>
/// <c>POST /api/v1/namespaces/NS/serviceaccounts/NAME/token</c>, the TokenRequest API behind <c>kubectl create token
/// NAME</c> and <c>oc create token</c> (kubernetes pkg/registry/core/serviceaccount/storage/token.go): the service
/// account must exist (404 otherwise); the answer, 201 Created, is the TokenRequest with <c>status.token</c> (a bearer
/// token authenticating as <c>system:serviceaccount:NS:NAME</c>, authorized by RBAC) and
/// <c>status.expirationTimestamp</c> (<c>spec.expirationSeconds</c>, default one hour; the simulator does not expire it).
/// </summary>
public sealed class TokenRequestHandler(Authenticator authenticator, TimeProvider clock) : IApiHandler
{
    public Task<ApiResult> HandleAsync(ApiRequest request, ObjectStore store, CancellationToken cancellationToken)
    {
        if (request.Verb != "create" || request.Name is null || request.Namespace is null)
        {
            throw ApiException.MethodNotSupported(ResourceTypes.ServiceAccounts, request.Verb);
        }

        _ = store.Get(ResourceTypes.ServiceAccounts, request.Namespace, request.Name)
            ?? throw ApiException.NotFound(ResourceTypes.ServiceAccounts, request.Name);
        var body = request.Body ?? new JsonObject();
        if (Meta.Str(body["kind"]) is { Length: > 0 } kind && kind != "TokenRequest")
        {
            throw ApiException.BadRequest($"the kind in the data ({kind}) does not match the expected kind (TokenRequest)");
        }

        var seconds = Meta.Long(body["spec"]?["expirationSeconds"]) ?? 3600;
        var answer = new JsonObject
        {
            ["kind"] = "TokenRequest",
            ["apiVersion"] = "authentication.k8s.io/v1",
            ["metadata"] = new JsonObject { ["name"] = request.Name, ["namespace"] = request.Namespace, ["creationTimestamp"] = null },
            ["spec"] = new JsonObject
            {
                ["audiences"] = body["spec"]?["audiences"]?.DeepClone() ?? new JsonArray("https://kubernetes.default.svc"),
                ["expirationSeconds"] = seconds,
                ["boundObjectRef"] = null,
            },
            ["status"] = new JsonObject
            {
                ["token"] = authenticator.IssueToken(UserInfo.ServiceAccountUser(request.Namespace, request.Name)),
                ["expirationTimestamp"] = Meta.Timestamp(clock.GetUtcNow().AddSeconds(seconds)),
            },
        };
        return Task.FromResult(ApiResult.Created(answer));
    }
}
