using System.Text.Json.Nodes;
using ImageRoll.ClusterSimulator.Controllers;
using ImageRoll.ClusterSimulator.Store;

namespace ImageRoll.IntegrationTests.Simulator;

/// <summary>
/// A test-only controller that reports a Deployment rolled out in two steps (updated, then available), so kubectl's
/// `rollout status` has something to watch. The real deployment controller comes from the rollout work.
/// </summary>
internal sealed class FakeDeploymentStatusController : ISimulatorController
{
    public string Name => "fake-deployment-status";

    public async Task RunAsync(ControllerContext context, CancellationToken cancellationToken)
    {
        using var watch = context.Watch(ResourceTypes.Deployments);
        await foreach (var e in watch.WithCancellation(cancellationToken))
        {
            var generation = Meta.Generation(e.Object);
            if (e.Type == StoreEvent.Deleted || Meta.Long(e.Object["status"]?["observedGeneration"]) == generation)
            {
                continue;
            }

            var replicas = Meta.Long(e.Object["spec"]?["replicas"]) ?? 1;
            context.Store.Modify(ResourceTypes.Deployments, e.Namespace, e.Name, d => d["status"] = Status(generation, replicas, available: 0), WriteScope.Status);
            await Task.Delay(TimeSpan.FromMilliseconds(300), context.Clock, cancellationToken);
            context.Store.Modify(ResourceTypes.Deployments, e.Namespace, e.Name, d => d["status"] = Status(generation, replicas, available: replicas), WriteScope.Status);
        }
    }

    private static JsonObject Status(long generation, long replicas, long available) => new()
    {
        ["observedGeneration"] = generation,
        ["replicas"] = replicas,
        ["updatedReplicas"] = replicas,
        ["readyReplicas"] = available,
        ["availableReplicas"] = available,
        ["conditions"] = new JsonArray(new JsonObject
        {
            ["type"] = "Progressing",
            ["status"] = "True",
            ["reason"] = available == replicas ? "NewReplicaSetAvailable" : "ReplicaSetUpdated",
            ["message"] = available == replicas ? "ReplicaSet \"example-1\" has successfully progressed." : "ReplicaSet \"example-1\" is progressing.",
        }),
    };
}
