using System.Text.Json.Nodes;
using ImageRoll.ClusterSimulator.Store;

namespace ImageRoll.ClusterSimulator.Controllers.Triggers;

/// <summary>
/// The annotation image trigger controller (openshift-controller-manager pkg/cmd/controller/image.go +
/// pkg/image/trigger): watches image streams and the kinds it has informers for (Deployment, DaemonSet,
/// StatefulSet, CronJob; never Jobs or Pods). A stream change syncs the objects with an ImageStreamTag trigger on it;
/// an object is synced when added, when its triggers change, or when a triggered container's image changes. A sync
/// applies every unpaused trigger (any from.kind) whose resolved value differs, writing the object back with a full
/// update (PUT), retrying conflicts with capped backoff. A manual edit of a
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
                // image_trigger_controller.go syncImageStream: only objects indexed under this stream (cache.go).
                foreach (var (type, path) in Watched)
                {
                    foreach (var obj in context.Store.List(type, null).Items.Where(o => Triggers(o)?.Any(t => t.FollowsStream(Meta.Namespace(o) ?? "", e.Namespace ?? "", e.Name)) == true))
                    {
                        await ReconcileAsync(context, type, path, Meta.Namespace(obj), Meta.Name(obj), cancellationToken).ConfigureAwait(false);
                    }
                }
            }
            else if (Watched.FirstOrDefault(w => w.Type == e.Resource) is { Type: not null } w && Queued(e, w.PodSpecPath))
            {
                await ReconcileAsync(context, w.Type, w.PodSpecPath, e.Namespace, e.Name, cancellationToken).ConfigureAwait(false);
            }
        }
    }

    private static IReadOnlyList<AnnotationTrigger>? Triggers(JsonObject obj) =>
        Meta.Annotation(obj, AnnotationTriggerDecoder.Key) is { } value ? AnnotationTriggerDecoder.Decode(value, out _) : null;

    /// <summary>
    /// openshift-controller-manager pkg/image/trigger/annotations/annotations.go <c>Index</c> with cache.go
    /// <c>ProcessEvents</c>: an object is synced when it is added with triggers, when its triggers change (or it had
    /// none), or when the image of a container one of its triggers points at changed; any other update (status,
    /// replicas, labels) is not.
    /// </summary>
    private static bool Queued(StoreEvent e, string podSpecPath)
    {
        var triggers = Triggers(e.Object);
        if (triggers is not { Count: > 0 })
        {
            return false;
        }

        if (e.Type == StoreEvent.Added || e.OldObject is null || Triggers(e.OldObject) is not { } old)
        {
            return true;
        }

        return old.Count == 0 || !old.SequenceEqual(triggers) || AnnotationReactor.ContainerImageChanged(e.OldObject, e.Object, podSpecPath, triggers);
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
