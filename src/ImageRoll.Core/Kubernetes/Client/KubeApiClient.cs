using System.Text;
using System.Text.Json;
using ImageRoll.Kubernetes.Models;
using ImageRoll.Net;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;

namespace ImageRoll.Kubernetes;

/// <summary>
/// <see cref="IKubeApi"/> over HttpClient and System.Text.Json. One choke point (<c>SendAsync</c>) adds credentials,
/// the User-Agent, retries 429 TooManyRequests as the server asks (Retry-After), retries once after a 401 when the
/// credentials can be refreshed, and maps every non-2xx to a <see cref="KubeApiException"/>.
/// A namespace of <c>""</c> addresses all namespaces (list, watch); null means <see cref="DefaultNamespace"/>.
/// </summary>
public sealed partial class KubeApiClient : IKubeApi, IDisposable
{
    /// <summary>The field manager ImageRoll writes under unless the caller names another.</summary>
    public const string DefaultFieldManager = "imageroll";

    private readonly HttpClient _http;
    private readonly ILogger _logger;
    private readonly object _discoveryGate = new();
    private Task<HashSet<string>>? _discovery;
    private X509CertificateHolder? _certificateHolder;

    /// <param name="config">The resolved connection (kubeconfig or in-cluster).</param>
    /// <param name="handler">Replaces the TLS-configured SocketsHttpHandler, for tests.</param>
    /// <param name="logger">Request logging at Debug (never credentials).</param>
    /// <param name="bounds">Connect, first-byte and idle bounds of every request (default <see cref="NetworkBounds.Default"/>).</param>
    public KubeApiClient(KubeClusterConfig config, HttpMessageHandler? handler = null, ILogger? logger = null, NetworkBounds? bounds = null)
    {
        ArgumentNullException.ThrowIfNull(config);
        Config = config;
        Bounds = bounds ?? NetworkBounds.Default;
        _logger = logger ?? NullLogger.Instance;
        if (handler is null)
        {
            _certificateHolder = new X509CertificateHolder();
            handler = KubeHttpHandlerFactory.Create(config, _certificateHolder, Bounds);
        }

        _http = new HttpClient(new BoundedWaitHandler(handler, Bounds, "the API server"), disposeHandler: true) { BaseAddress = config.Server, Timeout = Timeout.InfiniteTimeSpan };
    }

    /// <summary>The bounds of each network wait (connect, first byte, idle mid-body); watches are exempt from idle.</summary>
    public NetworkBounds Bounds { get; }

    public KubeClusterConfig Config { get; }

    public string DefaultNamespace => Config.Namespace;

    /// <summary>
    /// The longest one non-watch request may take in all (default 60 s), on top of <see cref="Bounds"/>: a server that
    /// drips an answer byte by byte never trips the idle bound but trips this.
    /// </summary>
    public TimeSpan RequestTimeout { get; init; } = TimeSpan.FromSeconds(60);

    /// <summary>How many times a 429 is retried before it is reported (client-go's default is 10; ImageRoll is interactive).</summary>
    public int MaxThrottleRetries { get; init; } = 5;

    /// <summary>Waits between retries; replaced in tests.</summary>
    internal Func<TimeSpan, CancellationToken, Task> Delay { get; init; } = Task.Delay;

    public async Task<T> GetAsync<T>(ResourceKind kind, string? ns, string name, CancellationToken cancellationToken)
        where T : KubeObject
    {
        ns = ObjectNs(kind, ns);
        var req = new KubeRequest(HttpMethod.Get, "get", kind.ObjectPath(ns, name), kind, ns, name);
        return await SendForObjectAsync<T>(req, cancellationToken).ConfigureAwait(false);
    }

    public async Task<T?> TryGetAsync<T>(ResourceKind kind, string? ns, string name, CancellationToken cancellationToken)
        where T : KubeObject
    {
        try
        {
            return await GetAsync<T>(kind, ns, name, cancellationToken).ConfigureAwait(false);
        }
        catch (KubeApiException ex) when (ex.IsNotFound)
        {
            return null;
        }
    }

    public async Task<KubeList<T>> ListAsync<T>(ResourceKind kind, string? ns, ListOptions? options, CancellationToken cancellationToken)
        where T : KubeObject
    {
        ns = Ns(kind, ns);
        var query = new QueryBuilder()
            .Add("labelSelector", options?.LabelSelector)
            .Add("fieldSelector", options?.FieldSelector)
            .Add("limit", options?.Limit?.ToString(System.Globalization.CultureInfo.InvariantCulture))
            .Add("continue", options?.Continue)
            .Add("resourceVersion", options?.ResourceVersion);
        var req = new KubeRequest(HttpMethod.Get, "list", CollectionPath(kind, ns) + query, kind, NullIfAll(ns));
        using var response = await SendAsync(req, HttpCompletionOption.ResponseContentRead, cancellationToken).ConfigureAwait(false);
        return await ReadAsync<KubeList<T>>(response, req, cancellationToken).ConfigureAwait(false);
    }

    public async Task<T> CreateAsync<T>(ResourceKind kind, string? ns, T obj, WriteOptions? options, CancellationToken cancellationToken)
        where T : KubeObject
    {
        ns = ObjectNs(kind, ns);
        var req = new KubeRequest(HttpMethod.Post, "create", kind.CollectionPath(ns) + WriteQuery(options, apply: false), kind, ns, obj.Metadata.Name)
        {
            Body = Serialize(obj, kind),
            ContentType = "application/json",
        };
        return await SendForObjectAsync<T>(req, cancellationToken).ConfigureAwait(false);
    }

    public async Task<T> ReplaceAsync<T>(ResourceKind kind, string? ns, T obj, WriteOptions? options, CancellationToken cancellationToken)
        where T : KubeObject
    {
        var name = obj.Metadata.Name ?? throw new ArgumentException("The object to replace has no metadata.name.", nameof(obj));
        ns = ObjectNs(kind, string.IsNullOrEmpty(ns) ? obj.Metadata.Namespace : ns);
        var req = new KubeRequest(HttpMethod.Put, "update", kind.ObjectPath(ns, name) + WriteQuery(options, apply: false), kind, ns, name)
        {
            Body = Serialize(obj, kind),
            ContentType = "application/json",
        };
        return await SendForObjectAsync<T>(req, cancellationToken).ConfigureAwait(false);
    }

    public async Task<T> PatchAsync<T>(ResourceKind kind, string? ns, string name, PatchType type, string body, WriteOptions? options, CancellationToken cancellationToken)
        where T : KubeObject
    {
        ns = ObjectNs(kind, ns);
        var req = new KubeRequest(HttpMethod.Patch, "patch", kind.ObjectPath(ns, name) + WriteQuery(options, apply: type == PatchType.Apply), kind, ns, name)
        {
            Body = Encoding.UTF8.GetBytes(body),
            ContentType = PatchContentType(type),
        };
        return await SendForObjectAsync<T>(req, cancellationToken).ConfigureAwait(false);
    }

    public async Task DeleteAsync(ResourceKind kind, string? ns, string name, CancellationToken cancellationToken)
    {
        ns = ObjectNs(kind, ns);

        // kubectl sends DeleteOptions with Background propagation (kubectl/pkg/cmd/delete/delete.go).
        var req = new KubeRequest(HttpMethod.Delete, "delete", kind.ObjectPath(ns, name), kind, ns, name)
        {
            Body = """{"kind":"DeleteOptions","apiVersion":"v1","propagationPolicy":"Background"}"""u8.ToArray(),
            ContentType = "application/json",
        };
        using var response = await SendAsync(req, HttpCompletionOption.ResponseContentRead, cancellationToken).ConfigureAwait(false);
    }

    public async Task<TResult> PostSubresourceAsync<TResult>(ResourceKind kind, string? ns, string name, string subresource, object body, CancellationToken cancellationToken)
        where TResult : KubeObject
    {
        ns = ObjectNs(kind, ns);
        var req = new KubeRequest(HttpMethod.Post, "create", kind.ObjectPath(ns, name, subresource), kind, ns, name)
        {
            Body = JsonSerializer.SerializeToUtf8Bytes(body, KubeJson.TypeInfo(body.GetType())),
            ContentType = "application/json",
        };
        return await SendForObjectAsync<TResult>(req, cancellationToken).ConfigureAwait(false);
    }

    public async Task<bool> ServesAsync(string groupVersion, CancellationToken cancellationToken)
    {
        Task<HashSet<string>> task;
        lock (_discoveryGate)
        {
            // Cached per client once it succeeded; a failed discovery is asked again next time.
            if (_discovery is null || _discovery.IsFaulted || _discovery.IsCanceled)
            {
                _discovery = DiscoverAsync(CancellationToken.None);
            }

            task = _discovery;
        }

        var served = await task.WaitAsync(cancellationToken).ConfigureAwait(false);
        return served.Contains(groupVersion);
    }

    public void Dispose() => _http.Dispose();

    internal static string PatchContentType(PatchType type) => type switch
    {
        PatchType.Merge => "application/merge-patch+json",
        PatchType.Json => "application/json-patch+json",
        PatchType.StrategicMerge => "application/strategic-merge-patch+json",
        PatchType.Apply => "application/apply-patch+yaml",
        _ => throw new ArgumentOutOfRangeException(nameof(type), type, null),
    };

    private static string WriteQuery(WriteOptions? options, bool apply)
    {
        var q = new QueryBuilder()
            .Add("fieldManager", options?.FieldManager ?? DefaultFieldManager)
            .Add("dryRun", options?.DryRun == true ? "All" : null)

            // force is only meaningful (and only accepted) for server-side apply.
            .Add("force", apply && options?.Force == true ? "true" : null);
        return q.ToString();
    }

    private static byte[] Serialize<T>(T obj, ResourceKind kind)
        where T : KubeObject
    {
        // The server needs kind and apiVersion on writes; fill them when a caller built the object without them.
        obj.Kind ??= kind.Kind;
        obj.ApiVersion ??= kind.ApiVersion;
        return JsonSerializer.SerializeToUtf8Bytes(obj, KubeJson.TypeInfo(obj.GetType()));
    }

    private static string CollectionPath(ResourceKind kind, string? ns) => kind.CollectionPath(string.IsNullOrEmpty(ns) ? null : ns);

    private static string? NullIfAll(string? ns) => string.IsNullOrEmpty(ns) ? null : ns;

    /// <summary>null (and, for a single object, "") means the default namespace; cluster-scoped kinds have none.</summary>
    private string? Ns(ResourceKind kind, string? ns) => kind.Namespaced ? ns ?? DefaultNamespace : null;

    private string? ObjectNs(ResourceKind kind, string? ns) => Ns(kind, string.IsNullOrEmpty(ns) ? null : ns);

    private async Task<HashSet<string>> DiscoverAsync(CancellationToken cancellationToken)
    {
        var served = new HashSet<string>(StringComparer.Ordinal);
        var core = new KubeRequest(HttpMethod.Get, "get", "/api");
        using (var response = await SendAsync(core, HttpCompletionOption.ResponseContentRead, cancellationToken).ConfigureAwait(false))
        {
            using var doc = await ReadDocumentAsync(response, core, cancellationToken).ConfigureAwait(false);
            if (doc.RootElement.TryGetProperty("versions", out var versions) && versions.ValueKind == JsonValueKind.Array)
            {
                foreach (var v in versions.EnumerateArray())
                {
                    served.Add(v.GetString() ?? string.Empty);
                }
            }
        }

        var apis = new KubeRequest(HttpMethod.Get, "get", "/apis");
        using (var response = await SendAsync(apis, HttpCompletionOption.ResponseContentRead, cancellationToken).ConfigureAwait(false))
        {
            using var doc = await ReadDocumentAsync(response, apis, cancellationToken).ConfigureAwait(false);
            if (doc.RootElement.TryGetProperty("groups", out var groups) && groups.ValueKind == JsonValueKind.Array)
            {
                foreach (var g in groups.EnumerateArray())
                {
                    if (g.TryGetProperty("versions", out var vs) && vs.ValueKind == JsonValueKind.Array)
                    {
                        foreach (var v in vs.EnumerateArray())
                        {
                            if (v.TryGetProperty("groupVersion", out var gv) && gv.GetString() is { } s)
                            {
                                served.Add(s);
                            }
                        }
                    }
                }
            }
        }

        _logger.LogDebug("Discovery at {Server}: {GroupVersions}", Config.Server, string.Join(", ", served));
        return served;
    }
}
