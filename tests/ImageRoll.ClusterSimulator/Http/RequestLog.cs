namespace ImageRoll.ClusterSimulator.Http;

/// <summary>
/// The requests the server received (thread-safe snapshot reads); the oldest are dropped beyond
/// <see cref="Capacity"/> so a long-running host does not grow without bound.
/// </summary>
public sealed class RequestLog
{
    private readonly List<RecordedRequest> _requests = [];

    public int Capacity { get; set; } = 20_000;

    /// <summary>A snapshot of the requests so far.</summary>
    public IReadOnlyList<RecordedRequest> All
    {
        get
        {
            lock (_requests)
            {
                return _requests.ToList();
            }
        }
    }

    /// <summary>Requests other than discovery, OpenAPI and /version: what a client did to resources.</summary>
    public IReadOnlyList<RecordedRequest> ResourceRequests =>
        All.Where(r => (r.Path.StartsWith("/api/", StringComparison.Ordinal) || r.Path.StartsWith("/apis/", StringComparison.Ordinal))
                       && r.Path.Count(c => c == '/') > 3).ToList();

    public void Clear()
    {
        lock (_requests)
        {
            _requests.Clear();
        }
    }

    internal void Add(RecordedRequest request)
    {
        lock (_requests)
        {
            _requests.Add(request);
            if (_requests.Count > Capacity)
            {
                _requests.RemoveRange(0, _requests.Count - Capacity);
            }
        }
    }
}
