using ImageRoll.ClusterSimulator.Store;

namespace ImageRoll.ClusterSimulator.Controllers.Core;

/// <summary>
/// Runs a level-triggered <see cref="IReconciler"/> as a simulator controller: a pass at start, after every batch
/// of store changes (Events excepted: recording one must not wake the recorder), and when the reconciler asked to
/// be woken (a readiness delay, a back-off, a progress deadline).
/// </summary>
public sealed class ReconcilingController(string name, Func<ControllerContext, IControllerStore, Action, IReconciler> create)
    : ISimulatorController
{
    public string Name => name;

    public async Task RunAsync(ControllerContext context, CancellationToken cancellationToken)
    {
        var types = ResourceTypes.All.Where(t => t != ResourceTypes.Events && !t.Virtual).ToArray();
        using var watch = context.Store.Watch(new WatchRequest { Types = types, ResourceVersion = context.Store.ResourceVersion });
        var poke = new SemaphoreSlim(0);
        var reconciler = create(context, new ObjectStoreAdapter(context.Store), () => poke.Release());
        var changes = WaitForChangesAsync(watch, poke, cancellationToken);
        while (!cancellationToken.IsCancellationRequested)
        {
            var wake = reconciler.Reconcile(cancellationToken);
            var delay = wake is { } w ? (w < TimeSpan.FromMilliseconds(10) ? TimeSpan.FromMilliseconds(10) : w) : Timeout.InfiniteTimeSpan;
            try
            {
                await poke.WaitAsync(delay, cancellationToken).ConfigureAwait(false);
            }
            catch (OperationCanceledException)
            {
                break;
            }

            // Coalesce a burst of changes into one pass.
            while (poke.CurrentCount > 0)
            {
                poke.Wait(0, CancellationToken.None);
            }
        }

        await changes.ConfigureAwait(false);
    }

    private static async Task WaitForChangesAsync(StoreWatch watch, SemaphoreSlim poke, CancellationToken ct)
    {
        try
        {
            while (await watch.WaitToReadAsync(ct).ConfigureAwait(false))
            {
                while (watch.TryRead(out _))
                {
                }

                poke.Release();
            }
        }
        catch (OperationCanceledException)
        {
        }
    }
}
