using System.Text.Json.Nodes;

namespace ImageRoll.ClusterSimulator.Controllers.Core;

/// <summary>
/// Records core/v1 Events the way client-go's recorder and its EventCorrelator do (client-go tools/record/events_cache.go):
/// a repeat of the same object, reason, message, type and source bumps <c>count</c> and <c>lastTimestamp</c> of the
/// existing Event instead of creating a new one; from the tenth distinct message of one source, object, type and
/// reason within ten minutes (<c>EventAggregator.EventAggregate</c>, maxEvents 10, maxIntervalInSeconds 600) the
/// messages go to one "(combined from similar events): ..." Event whose count grows.
/// </summary>
public sealed class EventRecorder(IControllerStore store, TimeProvider time)
{
    private const int MaxSimilarEvents = 10;
    private static readonly TimeSpan AggregationInterval = TimeSpan.FromSeconds(600);
    private readonly Dictionary<string, string> _eventNames = new(StringComparer.Ordinal);
    private readonly Dictionary<string, (HashSet<string> Messages, DateTimeOffset Last)> _similar = new(StringComparer.Ordinal);
    private readonly Lock _gate = new();

    public void Normal(JsonObject involved, string component, string reason, string message, string? fieldPath = null, string? host = null) =>
        Record(involved, "Normal", component, reason, message, fieldPath, host);

    public void Warning(JsonObject involved, string component, string reason, string message, string? fieldPath = null, string? host = null) =>
        Record(involved, "Warning", component, reason, message, fieldPath, host);

    public void Record(JsonObject involved, string type, string component, string reason, string message, string? fieldPath, string? host)
    {
        var ns = Obj.Namespace(involved);
        if (ns.Length == 0)
        {
            ns = "default";
        }

        var now = Obj.Time(time.GetUtcNow());
        var key = string.Join('\u0000', Obj.Uid(involved), fieldPath, type, component, reason, message);
        lock (_gate)
        {
            // The aggregate event carries no reportingController/Instance (EventAggregate builds it without them).
            var aggregated = false;
            if (Aggregate(string.Join('\u0000', Obj.Uid(involved), type, component, host, reason), message) is { } aggregateKey)
            {
                key = aggregateKey;
                message = "(combined from similar events): " + message;
                aggregated = true;
            }

            if (_eventNames.TryGetValue(key, out var existingName) && store.Get("v1", "Event", ns, existingName) is { } existing)
            {
                existing["count"] = Obj.Int(existing, 1, "count") + 1;
                existing["lastTimestamp"] = now;
                existing["message"] = message;
                if (store.Update(existing) is not null)
                {
                    return;
                }
            }

            var involvedObject = new JsonObject
            {
                ["kind"] = Obj.Str(involved, "kind"),
                ["namespace"] = ns,
                ["name"] = Obj.Name(involved),
                ["uid"] = Obj.Uid(involved),
                ["apiVersion"] = Obj.Str(involved, "apiVersion"),
                ["resourceVersion"] = Obj.Str(involved, "metadata", "resourceVersion"),
            };
            if (fieldPath is not null)
            {
                involvedObject["fieldPath"] = fieldPath;
            }

            var source = new JsonObject { ["component"] = component };
            if (host is not null)
            {
                source["host"] = host;
            }

            var name = EventNames.Next(Obj.Name(involved), time.GetUtcNow());
            var ev = new JsonObject
            {
                ["apiVersion"] = "v1",
                ["kind"] = "Event",
                ["metadata"] = new JsonObject { ["name"] = name, ["namespace"] = ns },
                ["involvedObject"] = involvedObject,
                ["reason"] = reason,
                ["message"] = message,
                ["source"] = source,
                ["firstTimestamp"] = now,
                ["lastTimestamp"] = now,
                ["count"] = 1,
                ["type"] = type,
                ["eventTime"] = null,
                ["reportingComponent"] = aggregated ? "" : component,
                ["reportingInstance"] = aggregated ? "" : host ?? "",
            };
            if (store.Create(ev) is not null)
            {
                _eventNames[key] = name;
            }
        }
    }

    /// <summary>The aggregate key when this message is one too many similar ones (EventAggregate), else null.</summary>
    private string? Aggregate(string aggregateKey, string message)
    {
        var now = time.GetUtcNow();
        if (!_similar.TryGetValue(aggregateKey, out var record) || now - record.Last > AggregationInterval)
        {
            record = (new HashSet<string>(StringComparer.Ordinal), now);
        }

        record.Messages.Add(message);
        _similar[aggregateKey] = (record.Messages, now);
        if (record.Messages.Count < MaxSimilarEvents)
        {
            return null;
        }

        record.Messages.Remove(record.Messages.First());
        return "\u0001" + aggregateKey;
    }
}
