using System.Globalization;
using System.Text.Json.Nodes;
using ImageRoll.ClusterSimulator.Controllers.Core;
using ImageRoll.ClusterSimulator.Store;

namespace ImageRoll.ClusterSimulator.Controllers.Kubelet.Docker;

/// <summary>
/// One pod on the docker kubelet (pkg/kubelet/pod_workers.go plus kuberuntime SyncPod): re-syncs when poked (a pod
/// change, a Docker event of one of its containers, a finished pull) or when a timer it set is due (a probe, a
/// back-off), and at least every <see cref="Relist"/> as the kubelet's PLEG relists. Each sync moves every container
/// one step (<see cref="StepAsync"/>) and writes the pod status when it changed. When the pod is deleted its
/// containers are stopped ("Killing") and removed.
/// </summary>
public sealed partial class PodWorker(NodeRuntime node, JsonObject pod)
{
    /// <summary>Simulator-only annotation prefix: <c>simulator.imageroll.dev/port-8080: 127.0.0.1:41234</c>.</summary>
    public const string PortAnnotationPrefix = "simulator.imageroll.dev/port-";

    private static readonly TimeSpan Relist = TimeSpan.FromSeconds(2);

    private readonly string _ns = Obj.Namespace(pod);
    private readonly string _name = Obj.Name(pod);
    private readonly Dictionary<string, RuntimeContainer> _containers = new(StringComparer.Ordinal);

    /// <summary>The pod's container ports and the 127.0.0.1 ports they are published on (kept across restarts).</summary>
    private readonly Dictionary<int, int> _hostPorts = [];
    private readonly SemaphoreSlim _poke = new(0, 1);
    private JsonObject _lastSeen = pod;

    public string Uid { get; } = Obj.Uid(pod);

    /// <summary>Asks for a sync as soon as possible (coalesced).</summary>
    public void Poke()
    {
        try
        {
            if (_poke.CurrentCount == 0)
            {
                _poke.Release();
            }
        }
        catch (SemaphoreFullException)
        {
            // Already poked.
        }
    }

    public async Task RunAsync(CancellationToken ct)
    {
        try
        {
            while (!ct.IsCancellationRequested)
            {
                var current = node.Store.Get(ResourceTypes.Pods, _ns, _name);
                if (current is null || Obj.Uid(current) != Uid || Obj.IsDeleting(current))
                {
                    await KillAllAsync(ct).ConfigureAwait(false);
                    return;
                }

                _lastSeen = current;
                DateTimeOffset? wake;
                try
                {
                    wake = await SyncAsync(current, ct).ConfigureAwait(false);
                }
                catch (Exception e) when (e is not OperationCanceledException || !ct.IsCancellationRequested)
                {
                    // A daemon hiccup (or a bug) must not end the worker: a new one would not know this pod's containers.
                    await Console.Error.WriteLineAsync($"sim[kubelet]: pod {_ns}/{_name}: {e.GetType().Name}: {e.Message}").ConfigureAwait(false);
                    wake = node.Clock.GetUtcNow() + TimeSpan.FromSeconds(1);
                }

                var delay = wake is { } at ? at - node.Clock.GetUtcNow() : Relist;
                delay = delay < TimeSpan.FromMilliseconds(10) ? TimeSpan.FromMilliseconds(10) : delay > Relist ? Relist : delay;
                await _poke.WaitAsync(delay, ct).ConfigureAwait(false);
            }
        }
        catch (OperationCanceledException) when (ct.IsCancellationRequested)
        {
            // The simulator stops: its containers are removed by label (DockerKubelet).
        }
    }

    private async Task<DateTimeOffset?> SyncAsync(JsonObject current, CancellationToken ct)
    {
        DateTimeOffset? wake = null;
        foreach (var spec in Obj.Objects(current, "spec", "containers"))
        {
            var containerName = Obj.Str(spec, "name") ?? "";
            var image = Obj.Str(spec, "image") ?? "";
            if (!_containers.TryGetValue(containerName, out var c) || c.Image != image)
            {
                var replaced = c;
                c = new RuntimeContainer(containerName, image, node.Timings.ImagePullBackOff, node.Timings.CrashLoopBackOff);
                if (replaced is not null)
                {
                    // kuberuntime computePodActions: a changed container spec restarts the container.
                    c.Attempts = replaced.Attempts;
                    c.LastTerminated = replaced.LastTerminated;
                    await StopAsync(current, replaced, $"Container {containerName} definition changed, will be restarted", ct).ConfigureAwait(false);
                    c.DeadContainerId = replaced.DeadContainerId;
                    if (replaced.ContainerId is { } stopped)
                    {
                        if (replaced.DeadContainerId is { } older)
                        {
                            await node.Docker.RemoveContainerAsync(older, ct).ConfigureAwait(false);
                        }

                        c.DeadContainerId = stopped;
                    }
                }

                _containers[containerName] = c;
            }

            var next = await StepAsync(current, spec, c, ct).ConfigureAwait(false);
            wake = next is null ? wake : wake is null || next < wake ? next : wake;
        }

        var status = DockerPodStatus.Build(current, _containers, node.Clock.GetUtcNow());
        if (StatusFields.Differs(Obj.At(current, "status"), status))
        {
            Write(WriteScope.Status, o => o["status"] = status);
        }

        return wake;
    }

    /// <summary>Stops and removes every container of the deleted pod, with the kubelet's Killing event.</summary>
    private async Task KillAllAsync(CancellationToken ct)
    {
        foreach (var c in _containers.Values)
        {
            if (c.ContainerId is { } id)
            {
                Event(_lastSeen, c, false, "Killing", $"Stopping container {c.Name}");
                await node.Docker.RemoveContainerAsync(id, ct).ConfigureAwait(false);
                c.ContainerId = null;
            }

            if (c.DeadContainerId is { } dead)
            {
                await node.Docker.RemoveContainerAsync(dead, ct).ConfigureAwait(false);
                c.DeadContainerId = null;
            }
        }
    }

    /// <summary>Records the published ports on the pod as annotations once Docker has assigned them.</summary>
    private void Annotate(IReadOnlyDictionary<int, int> published)
    {
        var added = published.Where(p => !_hostPorts.TryGetValue(p.Key, out var known) || known != p.Value).ToList();
        if (added.Count == 0)
        {
            return;
        }

        foreach (var (containerPort, hostPort) in added)
        {
            _hostPorts[containerPort] = hostPort;
        }

        Write(WriteScope.Main, o =>
        {
            foreach (var (containerPort, hostPort) in _hostPorts)
            {
                Obj.SetAnnotation(o, PortAnnotationPrefix + containerPort.ToString(CultureInfo.InvariantCulture), $"{DockerPodStatus.Loopback}:{hostPort}");
            }
        });
    }

    /// <summary>A read-modify-write of this pod (never of a namesake that replaced it).</summary>
    private void Write(WriteScope scope, Action<JsonObject> change)
    {
        try
        {
            node.Store.Write(ResourceTypes.Pods, _ns, _name, o =>
            {
                if (Obj.Uid(o) == Uid && !Obj.IsDeleting(o))
                {
                    change(o);
                }

                return o;
            }, scope);
        }
        catch (ApiException e) when (e.Code is 404 or 409)
        {
            // The pod is gone: the next sync notices.
        }
    }

    private void Event(JsonObject about, RuntimeContainer c, bool warning, string reason, string message) =>
        node.Events.Record(about, warning ? "Warning" : "Normal", "kubelet", reason, message, $"spec.containers{{{c.Name}}}",
            Obj.Str(about, "spec", "nodeName") ?? PodScheduler.NodeName(0));
}
