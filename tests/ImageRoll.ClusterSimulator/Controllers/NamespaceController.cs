using System.Text.Json.Nodes;
using ImageRoll.ClusterSimulator.Store;

namespace ImageRoll.ClusterSimulator.Controllers;

/// <summary>
/// Empties a terminating namespace, then removes its <c>kubernetes</c> finalizer so it goes away
/// (pkg/controller/namespace/deletion/namespaced_resources_deleter.go).
/// </summary>
public sealed class NamespaceController : ISimulatorController
{
    public string Name => "namespace";

    public async Task RunAsync(ControllerContext context, CancellationToken cancellationToken)
    {
        using var watch = context.Watch(ResourceTypes.Namespaces);
        await foreach (var e in watch.WithCancellation(cancellationToken))
        {
            if (e.Type == StoreEvent.Deleted || !Meta.IsDeleting(e.Object))
            {
                continue;
            }

            var ns = e.Name;
            foreach (var type in ResourceTypes.All.Where(t => t.Namespaced && !t.Virtual))
            {
                foreach (var obj in context.Store.List(type, ns).Items)
                {
                    TryDelete(context.Store, type, ns, obj);
                }
            }

            try
            {
                context.Store.Write(ResourceTypes.Namespaces, null, ns, current =>
                {
                    current["spec"] = new JsonObject { ["finalizers"] = new JsonArray() };
                    return current;
                }, WriteScope.All);
            }
            catch (ApiException e2) when (e2.Code == 404)
            {
                // Already gone.
            }
        }
    }

    private static void TryDelete(ObjectStore store, ResourceType type, string ns, JsonObject obj)
    {
        try
        {
            if (Meta.HasFinalizers(obj))
            {
                store.Modify(type, ns, Meta.Name(obj), o => Meta.Of(o).Remove("finalizers"));
            }

            store.Delete(type, ns, Meta.Name(obj), "Background");
        }
        catch (ApiException e) when (e.Code == 404)
        {
            // Deleted meanwhile.
        }
    }
}
