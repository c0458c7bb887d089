using ImageRoll.ClusterSimulator.Store;

namespace ImageRoll.ClusterSimulator.Http;

/// <summary>
/// Serves a virtual resource or a subresource the generic store endpoints cannot (ImageStreamTag,
/// ImageStreamImport, deploymentconfigs/instantiate). Throw <see cref="ApiException"/> for error answers.
/// For a PATCH of a virtual resource the server calls the handler with verb "get", applies the patch, then calls
/// it with verb "update".
/// </summary>
public interface IApiHandler
{
    Task<ApiResult> HandleAsync(ApiRequest request, ObjectStore store, CancellationToken cancellationToken);
}
