using System.Text.Json.Nodes;
using ImageRoll.ClusterSimulator.Store;

namespace ImageRoll.ClusterSimulator.Controllers.Triggers;

/// <summary>
/// The annotation image trigger controller (openshift-controller-manager pkg/cmd/controller/image.go +
/// pkg/image/trigger): watches image streams and the kinds it has informers for (Deployment, DaemonSet,
/// StatefulSet, CronJob; never Jobs or Pods), and when a triggered container's image differs from the tag's resolved
/// value writes the object back with a full update (PUT), retrying conflicts with capped backoff. A manual edit of a
/// triggered image therefore gets put back. It records NO Event, neither on success nor on failure: the real one
/// creates a recorder for component <c>image-trigger-controller</c> (pkg/image/controller/trigger/image_trigger_controller.go
/// <c>NewTriggerController</c>) but never calls it; failures only go to its log.
/// </summary>
public sealed class ImageTriggerController : ISimulatorController
{
    private static readonly (ResourceType Type, string PodSpecPath)[] Watched =
    [
        (ResourceTypes.Deployments, "spec.template.spec"),
        (ResourceTypes.DaemonSets, "spec.template.spec"),
        (ResourceTypes.StatefulSets, "spec.template.spec"),
        (ResourceTypes.CronJobs, "spec.jobTemplate.spec.template.spec"),
    ];

    public string Name => "image-trigger";

    public async Task RunAsync(ControllerContext context, CancellationToken cancellationToken)
    {
        using var watch = context.Watch([ResourceTypes.ImageStreams, .. Watched.Select(w => w.Type)]);
        await foreach (var e in watch.WithCancellation(cancellationToken).ConfigureAwait(false))
        {
            if (e.Type is not (StoreEvent.Added or StoreEvent.Modified))
            {
                continue;
            }

            if (e.Resource == ResourceTypes.ImageStreams)
            {
                foreach (var (type, path) in Watched)
                {
                    foreach (var obj in context.Store.List(type, null).Items.Where(o => Meta.Annotation(o, AnnotationTriggerDecoder.Key) is not null))
                    {
                        await ReconcileAsync(context, type, path, Meta.Namespace(obj), Meta.Name(obj), cancellationToken).ConfigureAwait(false);
                    }
                }
            }
            else if (Watched.FirstOrDefault(w => w.Type == e.Resource) is { Type: not null } w)
            {
                await ReconcileAsync(context, w.Type, w.PodSpecPath, e.Namespace, e.Name, cancellationToken).ConfigureAwait(false);
            }
        }
    }

    private static async Task ReconcileAsync(ControllerContext context, ResourceType type, string path, string? ns, string name, CancellationToken cancellationToken)
    {
        for (var attempt = 0; attempt < 6; attempt++)
        {
            var current = context.Store.Get(type, ns, name);
            if (current is null)
            {
                return;
            }

            var updated = AnnotationReactor.Update(context.Store, current, path, out var containers, out var error);
            if (error is not null)
            {
                context.Log($"{type.Kind} {ns}/{name}: {error}");
                return;
            }

            if (updated is null)
            {
                return;
            }

            try
            {
                context.Store.Update(type, ns, updated);
                context.Log($"{type.Kind} {ns}/{name}: updated container(s) {string.Join(", ", containers)} from image stream tag trigger");
                return;
            }
            catch (ApiException ex) when (ex.Code == 409)
            {
                await Task.Delay(TimeSpan.FromMilliseconds(Math.Min(1000, 20 << attempt)), cancellationToken).ConfigureAwait(false);
            }
        }
    }
}
