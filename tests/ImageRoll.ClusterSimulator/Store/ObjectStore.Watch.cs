using System.Globalization;
using System.Text.Json.Nodes;

namespace ImageRoll.ClusterSimulator.Store;

public sealed partial class ObjectStore
{
    private readonly Queue<StoreEvent> _history = new();
    private readonly List<StoreWatch> _watchers = [];
    private long _compactedRevision;

    /// <summary>How many events the store keeps for watches that resume from a resourceVersion.</summary>
    public int HistoryCapacity { get; set; }

    /// <summary>
    /// Opens a watch. A resourceVersion older than the retained history throws 410 Expired with the real watch
    /// cache's words (k8s.io/apiserver pkg/storage/cacher/watch_cache.go).
    /// </summary>
    public StoreWatch Watch(WatchRequest request)
    {
        var watch = new StoreWatch(this, request);
        lock (_gate)
        {
            if (request.ResourceVersion is > 0 and var from)
            {
                if (from < _compactedRevision)
                {
                    throw new ApiException(410, "Expired", $"too old resource version: {from} ({_compactedRevision})");
                }

                foreach (var e in _history.Where(e => e.ResourceVersion > from && watch.Observes(e.Resource, e.Namespace)))
                {
                    if (watch.Filter(e) is { } filtered)
                    {
                        watch.Deliver(filtered);
                    }
                }
            }
            else
            {
                foreach (var (type, table) in _objects.Where(t => watch.ObservesType(t.Key)))
                {
                    foreach (var obj in table.Values.Where(o => watch.Observes(type, Meta.Namespace(o))))
                    {
                        var added = new StoreEvent(StoreEvent.Added, type, obj, null, _resourceVersion);
                        if (watch.Filter(added) is { } filtered)
                        {
                            watch.Deliver(filtered);
                        }
                    }
                }
            }

            _watchers.Add(watch);
        }

        return watch;
    }

    /// <summary>Drops the whole event history: any watch from an older resourceVersion now gets 410 Expired.</summary>
    public void CompactHistory()
    {
        lock (_gate)
        {
            _history.Clear();
            _compactedRevision = _resourceVersion;
        }
    }

    internal void RemoveWatch(StoreWatch watch)
    {
        lock (_gate)
        {
            _watchers.Remove(watch);
        }
    }

    internal void QueueBookmark(StoreWatch watch) => QueueBookmark(watch, initialEventsEnd: false);

    /// <summary>The BOOKMARK ending the initial events of a sendInitialEvents=true watch (KEP-3157).</summary>
    internal void QueueInitialEventsEnd(StoreWatch watch) => QueueBookmark(watch, initialEventsEnd: true);

    private void QueueBookmark(StoreWatch watch, bool initialEventsEnd)
    {
        lock (_gate)
        {
            var type = watch.Request.Types?.FirstOrDefault() ?? ResourceTypes.Namespaces;
            var obj = BookmarkObject(type, _resourceVersion.ToString(CultureInfo.InvariantCulture));
            if (initialEventsEnd)
            {
                Meta.Of(obj)["annotations"] = new JsonObject { ["k8s.io/initial-events-end"] = "true" };
            }

            watch.Deliver(new StoreEvent(StoreEvent.Bookmark, type, obj, null, _resourceVersion));
        }
    }

    /// <summary>
    /// A BOOKMARK object as the real server encodes an empty typed object: only resourceVersion set, and required
    /// fields as JSON null (<c>"spec":{"containers":null}</c>: k8s.io/apiserver pkg/storage/cacher/cacher.go
    /// <c>dispatchEvents</c> sends <c>newFunc()</c> with only the resourceVersion set), so clients meet what they meet live.
    /// </summary>
    private static JsonObject BookmarkObject(ResourceType type, string rv)
    {
        var obj = new JsonObject
        {
            ["kind"] = type.Kind,
            ["apiVersion"] = type.ApiVersion,
            ["metadata"] = new JsonObject { ["resourceVersion"] = rv, ["creationTimestamp"] = null },
        };
        JsonObject PodSpec() => new() { ["containers"] = null };
        JsonObject Template() => new() { ["metadata"] = new JsonObject { ["creationTimestamp"] = null }, ["spec"] = PodSpec() };
        var spec = type.Kind switch
        {
            "Pod" => PodSpec(),
            "Deployment" => new JsonObject { ["selector"] = null, ["template"] = Template(), ["strategy"] = new JsonObject() },
            "StatefulSet" => new JsonObject { ["selector"] = null, ["template"] = Template(), ["serviceName"] = "", ["updateStrategy"] = new JsonObject() },
            "DaemonSet" => new JsonObject { ["selector"] = null, ["template"] = Template(), ["updateStrategy"] = new JsonObject() },
            "ReplicaSet" => new JsonObject { ["selector"] = null, ["template"] = Template() },
            "DeploymentConfig" => new JsonObject { ["strategy"] = new JsonObject(), ["triggers"] = null, ["replicas"] = 0, ["test"] = false, ["template"] = null },
            _ => null,
        };
        if (spec is not null)
        {
            obj["spec"] = spec;
            obj["status"] = new JsonObject();
        }

        return obj;
    }

    private void Publish(StoreEvent e)
    {
        _history.Enqueue(e);
        while (_history.Count > HistoryCapacity && _history.TryDequeue(out var dropped))
        {
            _compactedRevision = dropped.ResourceVersion;
        }

        foreach (var watch in _watchers)
        {
            if (watch.Observes(e.Resource, e.Namespace) && watch.Filter(e) is { } filtered)
            {
                watch.Deliver(filtered);
            }
        }
    }
}
