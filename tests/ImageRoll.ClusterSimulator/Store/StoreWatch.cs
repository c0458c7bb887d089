using System.Threading.Channels;

namespace ImageRoll.ClusterSimulator.Store;

/// <summary>
/// An open watch on the store: enumerate it to receive events in commit order; dispose it to stop.
/// </summary>
public sealed class StoreWatch : IAsyncEnumerable<StoreEvent>, IDisposable
{
    private readonly Channel<StoreEvent> _channel = Channel.CreateUnbounded<StoreEvent>(new UnboundedChannelOptions { SingleReader = true });
    private readonly ObjectStore _store;

    internal StoreWatch(ObjectStore store, WatchRequest request)
    {
        _store = store;
        Request = request;
    }

    public WatchRequest Request { get; }

    /// <summary>Reads the next event; false when the watch was disposed.</summary>
    public ValueTask<bool> WaitToReadAsync(CancellationToken cancellationToken) => _channel.Reader.WaitToReadAsync(cancellationToken);

    public bool TryRead(out StoreEvent? storeEvent)
    {
        var ok = _channel.Reader.TryRead(out var e);
        storeEvent = e;
        return ok;
    }

    /// <summary>Queues a BOOKMARK carrying the store's current resourceVersion, after every event already queued.</summary>
    public void RequestBookmark() => _store.QueueBookmark(this);

    public IAsyncEnumerator<StoreEvent> GetAsyncEnumerator(CancellationToken cancellationToken = default) =>
        _channel.Reader.ReadAllAsync(cancellationToken).GetAsyncEnumerator(cancellationToken);

    public void Dispose()
    {
        _store.RemoveWatch(this);
        _channel.Writer.TryComplete();
    }

    internal void Deliver(StoreEvent storeEvent) => _channel.Writer.TryWrite(storeEvent);

    internal bool ObservesType(ResourceType type) =>
        Request.Types is null || Request.Types.Count == 0 || Request.Types.Contains(type);

    internal bool Observes(ResourceType type, string? ns) =>
        ObservesType(type) && (Request.Namespace is null || Request.Namespace == ns);

    private bool Selects(System.Text.Json.Nodes.JsonObject? o) =>
        o is not null && Request.LabelSelector.Matches(o) && Request.FieldSelector.Matches(o);

    /// <summary>Maps a change through the selectors as the real watch cache does (leaving the selection = DELETED).</summary>
    internal StoreEvent? Filter(StoreEvent e)
    {
        var now = Selects(e.Object);
        var before = e.Type == StoreEvent.Modified && Selects(e.OldObject);
        return e.Type switch
        {
            StoreEvent.Modified when now && before => e.Copy(),
            StoreEvent.Modified when now => e.Copy(StoreEvent.Added),
            StoreEvent.Modified when before => e.Copy(StoreEvent.Deleted),
            StoreEvent.Modified => null,
            _ => now ? e.Copy() : null,
        };
    }
}
