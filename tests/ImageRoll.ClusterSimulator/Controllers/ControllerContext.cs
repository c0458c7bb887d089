using System.Text.Json.Nodes;
using ImageRoll.ClusterSimulator.Store;

namespace ImageRoll.ClusterSimulator.Controllers;

/// <summary>What a controller gets: the store, the options, a clock, and helpers for events and logging.</summary>
public sealed class ControllerContext
{
    public ControllerContext(ObjectStore store, SimulatorOptions options, string controllerName)
    {
        Store = store;
        Options = options;
        ControllerName = controllerName;
    }

    public ObjectStore Store { get; }

    public SimulatorOptions Options { get; }

    public string ControllerName { get; }

    /// <summary>How the cluster's components reach its integrated registry, when one runs.</summary>
    public Registry.IntegratedRegistryRoute? IntegratedRegistry { get; init; }

    public TimeProvider Clock => Options.Clock;

    /// <summary>
    /// An informer-like watch: ADDED for every existing object of <paramref name="types"/>, then every change.
    /// Dispose it (or use <c>using</c>) when done.
    /// </summary>
    public StoreWatch Watch(params ResourceType[] types) => Store.Watch(WatchRequest.For(types));

    /// <summary>
    /// Records a core/v1 Event about <paramref name="involved"/> as a real component does
    /// (k8s.io/client-go tools/record): type Normal or Warning, reason, message, source.component.
    /// </summary>
    public JsonObject RecordEvent(JsonObject involved, string type, string reason, string message, string? component = null)
    {
        var now = Meta.Timestamp(Clock.GetUtcNow());
        var ns = Meta.Namespace(involved) ?? "default";
        var name = Meta.Name(involved);
        var evt = new JsonObject
        {
            ["metadata"] = new JsonObject { ["name"] = Core.EventNames.Next(name, Clock.GetUtcNow()), ["namespace"] = ns },
            ["involvedObject"] = new JsonObject
            {
                ["kind"] = Meta.Str(involved["kind"]),
                ["namespace"] = Meta.Namespace(involved),
                ["name"] = name,
                ["uid"] = Meta.Uid(involved),
                ["apiVersion"] = Meta.Str(involved["apiVersion"]),
                ["resourceVersion"] = Meta.ResourceVersion(involved),
            },
            ["reason"] = reason,
            ["message"] = message,
            ["source"] = new JsonObject { ["component"] = component ?? ControllerName },
            ["firstTimestamp"] = now,
            ["lastTimestamp"] = now,
            ["count"] = 1,
            ["type"] = type,
            ["eventTime"] = null,
            ["reportingComponent"] = component ?? ControllerName,
            ["reportingInstance"] = "",
        };
        return Store.Create(ResourceTypes.Events, ns, evt);
    }

    /// <summary>Writes a diagnostic line to stderr when request logging is on.</summary>
    public void Log(string message)
    {
        if (Options.LogRequests)
        {
            Console.Error.WriteLine($"sim[{ControllerName}]: {message}");
        }
    }
}
