using ImageRoll.ClusterSimulator.Patching;
using ImageRoll.ClusterSimulator.Store;

namespace ImageRoll.ClusterSimulator.Http;

/// <summary>
/// Server-side apply (application/apply-patch+yaml) as create-or-merge: a missing object is created (201), an
/// existing one has the applied configuration merged in like a strategic merge patch. No managedFields are
/// tracked, so fields dropped from the configuration are not removed and there are no conflicts.
/// </summary>
internal static class ServerSideApply
{
    public static ApiResult Apply(ApiRequest request, ObjectStore store)
    {
        if (string.IsNullOrEmpty(request.QueryValue("fieldManager")))
        {
            throw new ApiException(422, "Invalid", "PatchOptions.meta.k8s.io \"\" is invalid: fieldManager: Required value: is required for apply patch");
        }

        var config = ResourceEndpoints.RequireBody(request);
        ResourceEndpoints.CheckKind(request, config);
        if (Meta.Name(config) != request.Name)
        {
            throw ApiException.BadRequest($"the name of the object ({Meta.Name(config)}) does not match the name on the URL ({request.Name})");
        }

        if (store.Get(request.Type, request.Namespace, request.Name!) is null && request.Subresource is null)
        {
            return ApiResult.Created(store.Create(request.Type, request.Namespace, config, request.DryRun));
        }

        var applied = config.DeepClone().AsObject();
        Meta.Of(applied).Remove("resourceVersion");
        var (result, _) = store.Write(request.Type, request.Namespace, request.Name!,
            current => StrategicMergePatch.Apply(current, applied), ResourceEndpoints.ScopeOf(request), request.DryRun);
        return ApiResult.Ok(result);
    }
}
