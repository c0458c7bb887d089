using ImageRoll.ClusterSimulator.Store;

namespace ImageRoll.ClusterSimulator.Controllers.Triggers;

/// <summary>
/// The DeploymentConfig image trigger reactor (openshift-controller-manager
/// pkg/image/trigger/deploymentconfigs/deploymentconfigs.go DeploymentConfigReactor): on image stream and DC
/// changes, automatic ImageChange triggers set <c>lastTriggeredImage</c> and the named containers' images with a full
/// update. It does not look at spec.paused: a paused DC's template is updated, it just does not roll out.
/// </summary>
public sealed class DeploymentConfigImageTriggerController : ISimulatorController
{
    public string Name => "deploymentconfig-image-trigger";

    public async Task RunAsync(ControllerContext context, CancellationToken cancellationToken)
    {
        using var watch = context.Watch(ResourceTypes.ImageStreams, ResourceTypes.DeploymentConfigs);
        await foreach (var e in watch.WithCancellation(cancellationToken).ConfigureAwait(false))
        {
            if (e.Type is not (StoreEvent.Added or StoreEvent.Modified))
            {
                continue;
            }

            var dcs = e.Resource == ResourceTypes.ImageStreams
                ? context.Store.List(ResourceTypes.DeploymentConfigs, null).Items.Select(d => (Meta.Namespace(d), Meta.Name(d))).ToList()
                : [(e.Namespace, e.Name)];
            foreach (var (ns, name) in dcs)
            {
                await ReconcileAsync(context, ns, name, cancellationToken).ConfigureAwait(false);
            }
        }
    }

    private static async Task ReconcileAsync(ControllerContext context, string? ns, string name, CancellationToken cancellationToken)
    {
        for (var attempt = 0; attempt < 6; attempt++)
        {
            var dc = context.Store.Get(ResourceTypes.DeploymentConfigs, ns, name);
            if (dc is null || !DeploymentConfigImages.Apply(context.Store, dc, onlyAutomatic: true, out var changed) || !changed)
            {
                return;
            }

            try
            {
                context.Store.Update(ResourceTypes.DeploymentConfigs, ns, dc);
                context.Log($"DeploymentConfig {ns}/{name}: images updated from its ImageChange triggers");
                return;
            }
            catch (ApiException ex) when (ex.Code == 409)
            {
                await Task.Delay(TimeSpan.FromMilliseconds(20 << attempt), cancellationToken).ConfigureAwait(false);
            }
        }
    }
}
