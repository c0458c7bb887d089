using System.Text.Json.Nodes;
using ImageRoll.ClusterSimulator.OpenShift;
using ImageRoll.ClusterSimulator.Store;
using ImageRoll.ClusterSimulator.Tables;
using Microsoft.AspNetCore.Http;

namespace ImageRoll.ClusterSimulator.Http;

/// <summary>
/// get, list, watch, create, update, patch, delete and deletecollection over the store, plus the status, scale and
/// finalize subresources; virtual resources and instantiate go to their <see cref="IApiHandler"/>s.
/// </summary>
internal sealed class ResourceEndpoints
{
    private readonly SimulatorOptions _options;
    private readonly ObjectStore _store;
    private readonly WatchStreamer _watches;
    private readonly Dictionary<string, IApiHandler> _handlers;

    public ResourceEndpoints(SimulatorOptions options, ObjectStore store, Authenticator authenticator, CancellationToken stopping)
    {
        _options = options;
        _store = store;
        _watches = new WatchStreamer(options, store, stopping);
        _handlers = new Dictionary<string, IApiHandler>(StringComparer.Ordinal)
        {
            ["imagestreamtags"] = options.ImageStreamTagHandler ?? new ImageStreamTagHandler(),
            ["imagestreamimports"] = options.ImageStreamImportHandler ?? new ImageStreamImportHandler(),
            ["deploymentconfigs/instantiate"] = options.InstantiateHandler ?? new InstantiateHandler(),
            ["selfsubjectaccessreviews"] = new Authorization.SelfSubjectAccessReviewHandler(authenticator),
            ["serviceaccounts/token"] = new Authorization.TokenRequestHandler(authenticator, options.Clock),
        };
    }

    public async Task ServeAsync(HttpContext context, ApiRequest request, RecordedRequest record)
    {
        var table = TableNegotiation.From(context.Request.Headers.Accept.ToString(), request);
        if (request.Verb == "watch")
        {
            await _watches.StreamAsync(context, request, record, table);
            return;
        }

        var result = await ServeAsync(request, context.RequestAborted);
        var body = table is not null && result.StatusCode == 200
            ? TableConverter.Convert(request.Type, result.Body, table, _options.Clock.GetUtcNow())
            : result.Body;
        await ApiServer.WriteAsync(context, record, result.StatusCode, body);
    }

    private async Task<ApiResult> ServeAsync(ApiRequest request, CancellationToken cancellationToken)
    {
        var type = request.Type;
        if (_handlers.TryGetValue(type.Plural, out var handler) || _handlers.TryGetValue(request.ResourceWithSubresource, out handler))
        {
            return request.Verb == "patch" ? await PatchVirtualAsync(handler, request, cancellationToken) : await handler.HandleAsync(request, _store, cancellationToken);
        }

        if (type.Namespaced && request.Namespace is null && request.Verb is not ("list" or "watch"))
        {
            throw new ApiException(404, "NotFound", "the server could not find the requested resource", new JsonObject());
        }

        if (request.Subresource == "scale")
        {
            return Scale.Serve(request, _store);
        }

        return request.Verb switch
        {
            "get" => ApiResult.Ok(_store.GetRequired(type, request.Namespace, request.Name!)),
            "list" => ApiResult.Ok(List(request)),
            "create" when request.Name is null => Create(request),
            "update" when request.Name is not null => Update(request),
            "patch" when request.Name is not null => Patch(request),
            "delete" => Delete(request),
            "deletecollection" => DeleteCollection(request),
            _ => throw ApiException.MethodNotSupported(type, request.Verb),
        };
    }

    private JsonObject List(ApiRequest request)
    {
        var labels = LabelSelector.Parse(request.QueryValue("labelSelector"));
        var fields = FieldSelector.Parse(request.QueryValue("fieldSelector"), request.Type);
        var (items, rv) = _store.List(request.Type, request.Namespace, labels, fields);
        return ListPage.Build(request, items, rv);
    }

    private ApiResult Create(ApiRequest request)
    {
        var body = RequireBody(request);
        CheckKind(request, body);
        if (Meta.Namespace(body) is { Length: > 0 } bodyNs && request.Namespace is not null && bodyNs != request.Namespace)
        {
            throw ApiException.BadRequest("the namespace of the provided object does not match the namespace sent on the request");
        }

        return ApiResult.Created(_store.Create(request.Type, request.Namespace, body, request.DryRun));
    }

    private ApiResult Update(ApiRequest request)
    {
        var body = RequireBody(request);
        CheckKind(request, body);
        if (Meta.Name(body) != request.Name)
        {
            throw ApiException.BadRequest($"the name of the object ({Meta.Name(body)}) does not match the name on the URL ({request.Name})");
        }

        if (request.Subresource == "finalize")
        {
            return ApiResult.Ok(_store.Write(request.Type, null, request.Name!, current =>
            {
                current["spec"] = body["spec"]?.DeepClone();
                return current;
            }, WriteScope.All, request.DryRun).Object);
        }

        var (updated, _) = _store.Write(request.Type, request.Namespace, request.Name!, _ => body, ScopeOf(request), request.DryRun);
        return ApiResult.Ok(updated);
    }

    private ApiResult Patch(ApiRequest request)
    {
        var contentType = request.ContentType ?? "";
        if (contentType.StartsWith("application/apply-patch", StringComparison.Ordinal))
        {
            return ServerSideApply.Apply(request, _store);
        }

        var (patched, _) = _store.Write(request.Type, request.Namespace, request.Name!,
            current => PatchApplier.Apply(current, request), ScopeOf(request), request.DryRun);
        return ApiResult.Ok(patched);
    }

    private async Task<ApiResult> PatchVirtualAsync(IApiHandler handler, ApiRequest request, CancellationToken cancellationToken)
    {
        var current = await handler.HandleAsync(request with { Verb = "get", Body = null, BodyNode = null }, _store, cancellationToken);
        var patched = PatchApplier.Apply(current.Body, request);
        return await handler.HandleAsync(request with { Verb = "update", Body = patched, BodyNode = patched }, _store, cancellationToken);
    }

    private ApiResult Delete(ApiRequest request)
    {
        var body = request.Body;
        var policy = request.QueryValue("propagationPolicy") ?? Meta.Str(body?["propagationPolicy"]);
        if (body?["orphanDependents"] is JsonValue orphan && orphan.TryGetValue<bool>(out var o) && o)
        {
            policy = "Orphan";
        }

        // ReplicationControllers orphan their pods by default (pkg/registry/core/replicationcontroller/strategy.go).
        policy ??= request.Type == ResourceTypes.ReplicationControllers ? "Orphan" : "Background";
        var dryRun = request.DryRun || body?["dryRun"] is JsonArray { Count: > 0 };
        var deleted = _store.Delete(request.Type, request.Namespace, request.Name!, policy,
            Meta.Str(body?["preconditions"]?["uid"]), Meta.Str(body?["preconditions"]?["resourceVersion"]), dryRun);

        // A deletion that waits for finalizers answers 202 Accepted (apiserver handlers/delete.go); namespaces 200.
        var pending = !dryRun && request.Type != ResourceTypes.Namespaces && Meta.IsDeleting(deleted)
            && _store.Get(request.Type, request.Namespace, request.Name!) is not null;
        return new ApiResult(pending ? 202 : 200, deleted);
    }

    private ApiResult DeleteCollection(ApiRequest request)
    {
        var labels = LabelSelector.Parse(request.QueryValue("labelSelector"));
        var fields = FieldSelector.Parse(request.QueryValue("fieldSelector"), request.Type);
        var (items, rv) = _store.List(request.Type, request.Namespace, labels, fields);
        var deleted = items.Select(i => _store.Delete(request.Type, Meta.Namespace(i), Meta.Name(i), "Background", dryRun: request.DryRun)).ToList();
        return ApiResult.Ok(ListPage.Build(request with { Query = new Dictionary<string, string>() }, deleted, rv));
    }

    internal static WriteScope ScopeOf(ApiRequest request) => request.Subresource == "status" ? WriteScope.Status : WriteScope.Main;

    internal static JsonObject RequireBody(ApiRequest request) =>
        request.Body ?? throw ApiException.BadRequest("the body of the request was empty or not a JSON object");

    internal static void CheckKind(ApiRequest request, JsonObject body)
    {
        if (Meta.Str(body["apiVersion"]) is { Length: > 0 } apiVersion && apiVersion != request.Type.ApiVersion)
        {
            throw ApiException.BadRequest($"the API version in the data ({apiVersion}) does not match the expected API version ({request.Type.ApiVersion})");
        }

        if (Meta.Str(body["kind"]) is { Length: > 0 } kind && kind != request.Type.Kind)
        {
            throw ApiException.BadRequest($"the kind in the data ({kind}) does not match the expected kind ({request.Type.Kind})");
        }
    }
}
