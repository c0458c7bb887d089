using System.Collections.Concurrent;
using System.Text.Json.Nodes;
using ImageRoll.ClusterSimulator.Controllers.Core;

namespace ImageRoll.ClusterSimulator.Controllers.Kubelet;

/// <summary>
/// Scheduler and kubelet stand-in: binds each pod to a node <c>sim-node-N</c>, pulls each container's image from the
/// real registry (<see cref="IImagePuller"/>), and reports container states, pod conditions and Events with the
/// kubelet's words: Pulling/Pulled/Created/Started; ErrImagePull then ImagePullBackOff with Failed/BackOff events;
/// Ready after <see cref="ControllerTimings.ReadinessDelay"/>. Simulator-only pod annotations (documented in
/// docs/simulator-controllers.md) ask for a crash loop or a failing readiness probe.
/// </summary>
public sealed partial class KubeletController(
    IControllerStore store, EventRecorder events, TimeProvider time, ControllerTimings timings, IImagePuller puller, Action requestPass)
    : IReconciler
{
    /// <summary>Simulator-only: the containers exit with code 1 shortly after starting, every time.</summary>
    public const string CrashAnnotation = "simulator.imageroll.dev/crash";

    /// <summary>Simulator-only: "fail" makes the readiness probe fail forever (Running, never Ready).</summary>
    public const string ReadinessAnnotation = "simulator.imageroll.dev/readiness";

    /// <summary>Simulator-only: overrides the readiness delay for this pod (Go duration such as "2s" or "500ms").</summary>
    public const string ReadyAfterAnnotation = "simulator.imageroll.dev/ready-after";

    private readonly ConcurrentDictionary<string, Dictionary<string, ContainerState>> _pods = new(StringComparer.Ordinal);

    public string Name => "kubelet";

    public static string NodeName(int index) => PodScheduler.NodeName(index);

    public TimeSpan? Reconcile(CancellationToken cancellationToken)
    {
        TimeSpan? wake = null;
        var all = store.List("v1", "Pod");
        foreach (var gone in _pods.Keys.Except(all.Select(Obj.Uid)).ToList())
        {
            _pods.TryRemove(gone, out _);
        }

        foreach (var original in all)
        {
            cancellationToken.ThrowIfCancellationRequested();
            var pod = original;
            if (Obj.IsDeleting(pod) || Obj.Str(pod, "status", "phase") is "Succeeded" or "Failed")
            {
                continue;
            }

            if (Obj.Str(pod, "spec", "nodeName") is null)
            {
                pod = Bind(pod, all);
                if (pod is null)
                {
                    continue;
                }
            }

            wake = StatusFields.Min(wake, SyncPod(pod, cancellationToken));
        }

        return wake;
    }

    private JsonObject? Bind(JsonObject pod, IReadOnlyList<JsonObject> all) =>
        PodScheduler.Bind(store, events, timings.NodeCount, pod, all);

    private TimeSpan? SyncPod(JsonObject pod, CancellationToken ct)
    {
        var now = time.GetUtcNow();
        var states = _pods.GetOrAdd(Obj.Uid(pod), _ => []);
        TimeSpan? wake = null;
        foreach (var c in Obj.Objects(pod, "spec", "containers"))
        {
            var name = Obj.Str(c, "name") ?? "";
            var image = Obj.Str(c, "image") ?? "";
            if (!states.TryGetValue(name, out var state) || state.Image != image)
            {
                state = new ContainerState(name, image);
                states[name] = state;
            }

            var next = Step(pod, state, now, ct);
            if (next is { } at)
            {
                wake = StatusFields.Min(wake, at > now ? at - now : TimeSpan.Zero);
            }
        }

        var status = PodStatusBuilder.Build(pod, states, now);
        if (StatusFields.Differs(Obj.At(pod, "status"), status))
        {
            pod["status"] = status;
            store.UpdateStatus(pod);
        }

        return wake;
    }

    private string Node(JsonObject pod) => Obj.Str(pod, "spec", "nodeName") ?? NodeName(0);

    private void Event(JsonObject pod, ContainerState c, bool warning, string reason, string message) =>
        events.Record(pod, warning ? "Warning" : "Normal", "kubelet", reason, message, $"spec.containers{{{c.Name}}}", Node(pod));

    private void StartPull(JsonObject pod, ContainerState c, CancellationToken ct)
    {
        var reference = ImageReference.TryParse(c.Image);
        if (reference is null)
        {
            c.Fail(ContainerPhase.InvalidImageName, $"Failed to apply default image tag \"{c.Image}\": couldn't parse image reference \"{c.Image}\": invalid reference format");
            Event(pod, c, true, "InspectFailed", c.WaitingMessage!);
            Event(pod, c, true, "Failed", "Error: InvalidImageName");
            return;
        }

        c.Phase = ContainerPhase.Pulling;
        if (puller.Cached(reference) is { } present)
        {
            // imagePullPolicy IfNotPresent (the default for a digest or a non-latest tag): no Pulling event.
            c.Pull = Task.FromResult(present);
            return;
        }

        Event(pod, c, false, "Pulling", $"Pulling image \"{c.Image}\"");
        var task = puller.PullAsync(reference, ct, Images.PullSecrets.ForPod(store, pod));
        c.Pull = task;
        _ = task.ContinueWith(_ => requestPass(), CancellationToken.None, TaskContinuationOptions.ExecuteSynchronously, TaskScheduler.Default);
    }
}
