using System.Text.Json.Nodes;
using ImageRoll.ClusterSimulator.Controllers.Core;

namespace ImageRoll.ClusterSimulator.Controllers.Kubelet;

/// <summary>
/// The default scheduler as both kubelets need it: each unbound pod goes to the simulated node with the fewest
/// pods (<c>sim-node-0</c> ... <c>NodeCount-1</c>); the Binding sets <c>spec.nodeName</c> and the scheduler records
/// <c>Scheduled</c> "Successfully assigned NS/NAME to NODE".
/// </summary>
public static class PodScheduler
{
    public static string NodeName(int index) => $"sim-node-{index}";

    /// <summary>Binds <paramref name="pod"/>; returns the bound pod, or null when the write lost a race (retried on the next pass).</summary>
    public static JsonObject? Bind(IControllerStore store, EventRecorder events, int nodeCount, JsonObject pod, IReadOnlyList<JsonObject> all)
    {
        var load = Enumerable.Range(0, Math.Max(1, nodeCount)).Select(NodeName)
            .ToDictionary(n => n, n => all.Count(p => Obj.Str(p, "spec", "nodeName") == n));
        var node = load.OrderBy(kv => kv.Value).ThenBy(kv => kv.Key, StringComparer.Ordinal).First().Key;
        pod["spec"]!["nodeName"] = node;
        var bound = store.Update(pod);
        if (bound is not null)
        {
            events.Normal(bound, "default-scheduler", "Scheduled", $"Successfully assigned {Obj.Namespace(pod)}/{Obj.Name(pod)} to {node}");
        }

        return bound;
    }
}
