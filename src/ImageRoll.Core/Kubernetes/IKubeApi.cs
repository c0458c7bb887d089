using ImageRoll.Kubernetes.Models;

namespace ImageRoll.Kubernetes;

/// <summary>
/// The narrow Kubernetes API surface the engine uses. One implementation talks HTTP (KubeApiClient); an adapter over
/// KubernetesClient could replace it without touching callers. <paramref name="ns"/> null means the client's default
/// namespace for namespaced kinds; <c>""</c> means all namespaces for list and watch. Non-2xx answers throw <c>KubeApiException</c> carrying the server's Status.
/// Models are read and written with <see cref="KubeJson.Options"/>; <see cref="KubeObject"/> itself serves as the
/// untyped model (everything lands in Extra).
/// </summary>
public interface IKubeApi
{
    /// <summary>The namespace from the context (or in-cluster namespace file), else <c>default</c>.</summary>
    string DefaultNamespace { get; }

    Task<T> GetAsync<T>(ResourceKind kind, string? ns, string name, CancellationToken cancellationToken)
        where T : KubeObject;

    /// <summary>Like <see cref="GetAsync{T}"/> but null on 404 NotFound.</summary>
    Task<T?> TryGetAsync<T>(ResourceKind kind, string? ns, string name, CancellationToken cancellationToken)
        where T : KubeObject;

    Task<KubeList<T>> ListAsync<T>(ResourceKind kind, string? ns, ListOptions? options, CancellationToken cancellationToken)
        where T : KubeObject;

    Task<T> CreateAsync<T>(ResourceKind kind, string? ns, T obj, WriteOptions? options, CancellationToken cancellationToken)
        where T : KubeObject;

    /// <summary>PUT of the whole object (its metadata.name and resourceVersion); 409 Conflict when stale.</summary>
    Task<T> ReplaceAsync<T>(ResourceKind kind, string? ns, T obj, WriteOptions? options, CancellationToken cancellationToken)
        where T : KubeObject;

    Task<T> PatchAsync<T>(ResourceKind kind, string? ns, string name, PatchType type, string body, WriteOptions? options, CancellationToken cancellationToken)
        where T : KubeObject;

    Task DeleteAsync(ResourceKind kind, string? ns, string name, CancellationToken cancellationToken);

    /// <summary>POST to a subresource, e.g. a DeploymentRequest to <c>deploymentconfigs/NAME/instantiate</c>.</summary>
    Task<TResult> PostSubresourceAsync<TResult>(ResourceKind kind, string? ns, string name, string subresource, object body, CancellationToken cancellationToken)
        where TResult : KubeObject;

    /// <summary>
    /// Watches from <see cref="WatchOptions.ResourceVersion"/>; reconnects from the last seen resourceVersion when the
    /// server closes the stream; on 410 Expired/Gone lists again and yields the listed objects as ADDED (or, with
    /// <see cref="WatchOptions.ReportExpired"/>, yields the ERROR event and ends). Otherwise ends only on cancellation;
    /// other ERROR events throw <c>KubeApiException</c>.
    /// </summary>
    IAsyncEnumerable<WatchEvent<T>> WatchAsync<T>(ResourceKind kind, string? ns, WatchOptions options, CancellationToken cancellationToken)
        where T : KubeObject;

    /// <summary>Whether the server serves a group version, e.g. <c>image.openshift.io/v1</c> (discovery, cached).</summary>
    Task<bool> ServesAsync(string groupVersion, CancellationToken cancellationToken);
}
