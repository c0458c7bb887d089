using ImageRoll.ClusterSimulator.Store;

namespace ImageRoll.ClusterSimulator.Controllers;

/// <summary>
/// Deletes objects whose owners are all gone (background propagation, pkg/controller/garbagecollector): when an
/// object is deleted, each dependent naming its uid in ownerReferences is deleted unless another owner still exists.
/// </summary>
public sealed class GarbageCollectorController : ISimulatorController
{
    public string Name => "garbagecollector";

    public async Task RunAsync(ControllerContext context, CancellationToken cancellationToken)
    {
        using var watch = context.Store.Watch(new WatchRequest { ResourceVersion = context.Store.ResourceVersion });
        await foreach (var e in watch.WithCancellation(cancellationToken))
        {
            if (e.Type != StoreEvent.Deleted || Meta.Uid(e.Object) is not { } uid)
            {
                continue;
            }

            foreach (var (type, dependent) in context.Store.Dependents(uid))
            {
                var otherOwners = Meta.OwnerReferences(dependent)
                    .Select(r => Meta.Str(r["uid"]))
                    .Where(u => u is not null && u != uid)
                    .Any(u => context.Store.Exists(u!));
                if (otherOwners)
                {
                    continue;
                }

                try
                {
                    context.Store.Delete(type, Meta.Namespace(dependent), Meta.Name(dependent), "Background");
                    context.Log($"deleted {type.GroupResource} {Meta.Namespace(dependent)}/{Meta.Name(dependent)} (owner {uid} gone)");
                }
                catch (ApiException ex) when (ex.Code == 404)
                {
                    // Deleted meanwhile.
                }
            }
        }
    }
}
