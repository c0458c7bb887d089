using System.Collections.Concurrent;
using System.Runtime.CompilerServices;
using System.Text.Json;
using System.Threading.Channels;
using ImageRoll.Kubernetes;
using ImageRoll.Kubernetes.Models;

namespace ImageRoll.Core.Tests.Rollouts.Fakes;

/// <summary>
/// An in-memory API server for follower tests: objects are stored as JSON (so every read is a fresh, typed copy, as
/// over the wire), lists return them with a resourceVersion, and each watch is a stream the test scripts with
/// <see cref="Apply"/>, <see cref="DropWatch"/> and <see cref="ExpireWatch"/>. Every call is recorded.
/// </summary>
internal sealed class FakeKubeApi : IKubeApi
{
    private readonly object _gate = new();
    private readonly Dictionary<(string Res, string Ns), Dictionary<string, string>> _store = [];
    private readonly Dictionary<(string Res, string Ns), List<Channel<WatchEvent<KubeObject>>>> _watches = [];
    private long _rv = 100;

    public string DefaultNamespace => "shop";

    public ConcurrentQueue<string> Requests { get; } = new();

    public List<(string Res, string Ns, string Name, PatchType Type, string Body)> Patches { get; } = [];

    public int Count(string verb, ResourceKind kind) => Requests.Count(r => r == $"{verb} {kind.Plural}");

    /// <summary>Stores (or replaces) an object and sends ADDED/MODIFIED to open watches.</summary>
    public void Apply(ResourceKind kind, string json)
    {
        var node = System.Text.Json.Nodes.JsonNode.Parse(json)!.AsObject();
        var meta = node["metadata"]!.AsObject();
        var ns = (string?)meta["namespace"] ?? DefaultNamespace;
        var name = (string)meta["name"]!;
        List<Channel<WatchEvent<KubeObject>>> open;
        WatchEventType type;
        lock (_gate)
        {
            meta["resourceVersion"] = (++_rv).ToString(System.Globalization.CultureInfo.InvariantCulture);
            var map = Map(kind, ns);
            type = map.ContainsKey(name) ? WatchEventType.Modified : WatchEventType.Added;
            map[name] = node.ToJsonString();
            open = Open(kind, ns);
        }

        Send(open, type, node.ToJsonString());
    }

    public void Delete(ResourceKind kind, string ns, string name)
    {
        string? json;
        List<Channel<WatchEvent<KubeObject>>> open;
        lock (_gate)
        {
            Map(kind, ns).Remove(name, out json);
            open = Open(kind, ns);
        }

        if (json is not null)
        {
            Send(open, WatchEventType.Deleted, json);
        }
    }

    /// <summary>The connection drops: the open watch streams of this resource end with an IOException.</summary>
    public void DropWatch(ResourceKind kind, string ns)
    {
        foreach (var c in TakeOpen(kind, ns))
        {
            c.Writer.TryComplete(new IOException("connection reset by peer"));
        }
    }

    /// <summary>
    /// The server sends 410 Expired as an ERROR event (k8s.io/apiserver pkg/storage/cacher/watch_cache.go
    /// <c>getAllEventsSinceLocked</c>: "too old resource version: N (M)"), then closes the stream.
    /// </summary>
    public void ExpireWatch(ResourceKind kind, string ns)
    {
        var status = new KubeStatus { Kind = "Status", ApiVersion = "v1", Status = "Failure", Message = "too old resource version: 657887 (680402)", Reason = "Expired", Code = 410 };
        foreach (var c in TakeOpen(kind, ns))
        {
            c.Writer.TryWrite(new WatchEvent<KubeObject>(WatchEventType.Error, null, status));
            c.Writer.TryComplete();
        }
    }

    public int OpenWatches(ResourceKind kind, string ns)
    {
        lock (_gate)
        {
            return Open(kind, ns).Count;
        }
    }

    public Task<T> GetAsync<T>(ResourceKind kind, string? ns, string name, CancellationToken cancellationToken)
        where T : KubeObject =>
        TryGetAsync<T>(kind, ns, name, cancellationToken).ContinueWith(t => t.Result ?? throw new InvalidOperationException($"{kind.Plural}/{name} not found"), TaskScheduler.Default);

    public Task<T?> TryGetAsync<T>(ResourceKind kind, string? ns, string name, CancellationToken cancellationToken)
        where T : KubeObject
    {
        Requests.Enqueue($"get {kind.Plural}");
        lock (_gate)
        {
            return Task.FromResult(Map(kind, ns ?? DefaultNamespace).TryGetValue(name, out var json) ? JsonSerializer.Deserialize<T>(json, KubeJson.Options) : null);
        }
    }

    private readonly ConcurrentDictionary<string, TaskCompletionSource> _heldLists = new();

    /// <summary>Lists of <paramref name="kind"/> wait (the server has not answered yet) until the returned source completes.</summary>
    public TaskCompletionSource HoldLists(ResourceKind kind) => _heldLists.GetOrAdd(kind.Plural, _ => new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously));

    public async Task<KubeList<T>> ListAsync<T>(ResourceKind kind, string? ns, ListOptions? options, CancellationToken cancellationToken)
        where T : KubeObject
    {
        Requests.Enqueue($"list {kind.Plural}");
        if (_heldLists.TryGetValue(kind.Plural, out var held))
        {
            await held.Task.WaitAsync(cancellationToken).ConfigureAwait(false);
        }

        return ListNow<T>(kind, ns, options);
    }

    private KubeList<T> ListNow<T>(ResourceKind kind, string? ns, ListOptions? options)
        where T : KubeObject
    {
        lock (_gate)
        {
            var items = Map(kind, ns ?? DefaultNamespace).Values.Select(j => JsonSerializer.Deserialize<T>(j, KubeJson.Options)!).ToList();
            if (options?.FieldSelector is { } fs && fs.StartsWith("involvedObject.name=", StringComparison.Ordinal))
            {
                var name = fs["involvedObject.name=".Length..];
                items = items.Where(i => i is KubeEvent e && e.InvolvedObject.Name == name).ToList();
            }

            return new KubeList<T> { Items = items, Metadata = new ListMeta { ResourceVersion = _rv.ToString(System.Globalization.CultureInfo.InvariantCulture) } };
        }
    }

    public Task<T> CreateAsync<T>(ResourceKind kind, string? ns, T obj, WriteOptions? options, CancellationToken cancellationToken)
        where T : KubeObject => throw new NotSupportedException();

    public Task<T> ReplaceAsync<T>(ResourceKind kind, string? ns, T obj, WriteOptions? options, CancellationToken cancellationToken)
        where T : KubeObject => throw new NotSupportedException();

    public Task<T> PatchAsync<T>(ResourceKind kind, string? ns, string name, PatchType type, string body, WriteOptions? options, CancellationToken cancellationToken)
        where T : KubeObject
    {
        Requests.Enqueue($"patch {kind.Plural}");
        lock (_gate)
        {
            Patches.Add((kind.Plural, ns ?? DefaultNamespace, name, type, body));
        }

        return TryGetAsync<T>(kind, ns, name, cancellationToken)!;
    }

    public Task DeleteAsync(ResourceKind kind, string? ns, string name, CancellationToken cancellationToken) => throw new NotSupportedException();

    public Task<TResult> PostSubresourceAsync<TResult>(ResourceKind kind, string? ns, string name, string subresource, object body, CancellationToken cancellationToken)
        where TResult : KubeObject => throw new NotSupportedException();

    public async IAsyncEnumerable<WatchEvent<T>> WatchAsync<T>(ResourceKind kind, string? ns, WatchOptions options, [EnumeratorCancellation] CancellationToken cancellationToken)
        where T : KubeObject
    {
        Requests.Enqueue($"watch {kind.Plural}");
        var channel = Channel.CreateUnbounded<WatchEvent<KubeObject>>();
        lock (_gate)
        {
            Open(kind, ns ?? DefaultNamespace).Add(channel);
        }

        await foreach (var e in channel.Reader.ReadAllAsync(cancellationToken).ConfigureAwait(false))
        {
            var typed = e.Object is null ? null : JsonSerializer.Deserialize<T>(JsonSerializer.Serialize(e.Object, KubeJson.Options), KubeJson.Options);
            yield return new WatchEvent<T>(e.Type, typed, e.Status);
        }
    }

    public Task<bool> ServesAsync(string groupVersion, CancellationToken cancellationToken) => Task.FromResult(true);

    private static void Send(List<Channel<WatchEvent<KubeObject>>> open, WatchEventType type, string json)
    {
        var obj = JsonSerializer.Deserialize<KubeObject>(json, KubeJson.Options)!;
        foreach (var c in open)
        {
            c.Writer.TryWrite(new WatchEvent<KubeObject>(type, obj, null));
        }
    }

    private List<Channel<WatchEvent<KubeObject>>> TakeOpen(ResourceKind kind, string ns)
    {
        lock (_gate)
        {
            var open = Open(kind, ns).ToList();
            Open(kind, ns).Clear();
            return open;
        }
    }

    private Dictionary<string, string> Map(ResourceKind kind, string ns)
    {
        if (!_store.TryGetValue((kind.Plural, ns), out var map))
        {
            _store[(kind.Plural, ns)] = map = [];
        }

        return map;
    }

    private List<Channel<WatchEvent<KubeObject>>> Open(ResourceKind kind, string ns)
    {
        if (!_watches.TryGetValue((kind.Plural, ns), out var list))
        {
            _watches[(kind.Plural, ns)] = list = [];
        }

        return list;
    }
}
