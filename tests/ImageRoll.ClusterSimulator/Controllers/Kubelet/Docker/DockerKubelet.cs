using ImageRoll.ClusterSimulator.Controllers.Core;
using ImageRoll.ClusterSimulator.Store;

namespace ImageRoll.ClusterSimulator.Controllers.Kubelet.Docker;

/// <summary>
/// The scheduler plus a kubelet whose pods run as real containers through the machine's Docker daemon
/// (<c>--kubelet docker</c>): one <see cref="PodWorker"/> per bound pod, container exits seen through the daemon's
/// event stream, every container labelled with this instance and its owner process. At start it removes containers
/// left by simulators that died; when the simulator stops it removes its own.
/// </summary>
public sealed class DockerKubelet(string dockerHost) : ISimulatorController
{
    private readonly string _instance = Convert.ToHexStringLower(Guid.NewGuid().ToByteArray())[..12];

    public string Name => "kubelet";

    /// <summary>The value of the <c>imageroll.simulator</c> label on this kubelet's containers.</summary>
    public string InstanceId => _instance;

    public async Task RunAsync(ControllerContext context, CancellationToken cancellationToken)
    {
        using var docker = new DockerApi(dockerHost);
        using var prober = new Prober(docker);
        var adapter = new ObjectStoreAdapter(context.Store);
        var labels = new Dictionary<string, string>(StringComparer.Ordinal)
        {
            [ContainerOwner.InstanceLabel] = _instance,
            [ContainerOwner.Label] = ContainerOwner.Current,
        };
        var node = new NodeRuntime(docker, prober, context.Store, new EventRecorder(adapter, context.Clock), context, labels);
        var workers = new Dictionary<string, (PodWorker Worker, Task Task)>(StringComparer.Ordinal);
        using var stopping = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        if (!await WaitForDaemonAsync(context, docker, cancellationToken).ConfigureAwait(false))
        {
            return;
        }

        try
        {
            var orphans = await ContainerOwner.RemoveOrphansAsync(docker, cancellationToken).ConfigureAwait(false);
            context.Log($"docker kubelet {_instance} on {docker.SocketPath}; removed {orphans} container(s) of stopped simulators");
            var dockerEvents = FollowDockerEventsAsync(context, docker, workers, stopping.Token);
            using var watch = context.Store.Watch(WatchRequest.For(ResourceTypes.Pods));
            while (await watch.WaitToReadAsync(cancellationToken).ConfigureAwait(false))
            {
                while (watch.TryRead(out _))
                {
                }

                Pass(node, adapter, workers, stopping.Token);
            }

            await dockerEvents.ConfigureAwait(false);
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
        }
        finally
        {
            await stopping.CancelAsync().ConfigureAwait(false);
            List<Task> running;
            lock (workers)
            {
                running = workers.Values.Select(w => w.Task).ToList();
            }

            await RemoveOwnContainersAsync(docker, running).ConfigureAwait(false);
        }
    }

    /// <summary>When the simulator stops (or this controller fails): its workers end, its containers go.</summary>
    private async Task RemoveOwnContainersAsync(DockerApi docker, List<Task> workers)
    {
        try
        {
            await Task.WhenAll(workers).WaitAsync(TimeSpan.FromSeconds(2), CancellationToken.None).ConfigureAwait(false);
        }
        catch (TimeoutException)
        {
            // A worker stuck in a Docker call: its container is removed below anyway.
        }

        try
        {
            using var cleanup = new CancellationTokenSource(TimeSpan.FromSeconds(20));
            var own = await docker.ListContainersAsync($"{ContainerOwner.InstanceLabel}={_instance}", cleanup.Token).ConfigureAwait(false);
            await Task.WhenAll(own.Select(c => docker.RemoveContainerAsync(c.Id, cleanup.Token))).ConfigureAwait(false);
        }
        catch (Exception e) when (e is HttpRequestException or IOException or DockerApiException or OperationCanceledException)
        {
            await Console.Error.WriteLineAsync($"sim: docker kubelet {_instance}: could not remove its containers ({e.Message}); the next docker kubelet removes them").ConfigureAwait(false);
        }
    }

    /// <summary>Pings the daemon until it answers (false when cancelled first); says once on stderr that it cannot reach it.</summary>
    private static async Task<bool> WaitForDaemonAsync(ControllerContext context, DockerApi docker, CancellationToken ct)
    {
        var said = false;
        while (!ct.IsCancellationRequested)
        {
            try
            {
                await docker.PingAsync(ct).ConfigureAwait(false);
                return true;
            }
            catch (Exception e) when (e is HttpRequestException or IOException or DockerApiException)
            {
                if (!said)
                {
                    await Console.Error.WriteLineAsync($"sim[{context.ControllerName}]: cannot reach Docker at unix://{docker.SocketPath} ({e.Message}); pods stay Pending until it answers").ConfigureAwait(false);
                    said = true;
                }
            }
            catch (OperationCanceledException)
            {
                return false;
            }

            try
            {
                await Task.Delay(TimeSpan.FromSeconds(2), ct).ConfigureAwait(false);
            }
            catch (OperationCanceledException)
            {
                return false;
            }
        }

        return false;
    }

    /// <summary>One pass over the pods: bind the unbound ones, a worker for each live bound pod, a poke for every worker.</summary>
    private static void Pass(NodeRuntime node, IControllerStore store, Dictionary<string, (PodWorker Worker, Task Task)> workers, CancellationToken ct)
    {
        var all = store.List("v1", "Pod");
        lock (workers)
        {
            foreach (var original in all)
            {
                var pod = original;
                if (Obj.IsDeleting(pod) || workers.ContainsKey(Obj.Uid(pod)) || Obj.Str(pod, "status", "phase") is "Succeeded" or "Failed")
                {
                    continue;
                }

                if (Obj.Str(pod, "spec", "nodeName") is null)
                {
                    pod = PodScheduler.Bind(store, node.Events, node.Timings.NodeCount, pod, all);
                    if (pod is null)
                    {
                        continue;
                    }
                }

                var worker = new PodWorker(node, pod);
                workers[worker.Uid] = (worker, Task.Run(() => worker.RunAsync(ct), CancellationToken.None));
            }

            foreach (var (uid, (worker, task)) in workers.ToList())
            {
                if (task.IsCompleted)
                {
                    workers.Remove(uid);
                }
                else
                {
                    worker.Poke();
                }
            }
        }
    }

    /// <summary>The daemon's container events of this instance (die, oom, start ...) poke the pod's worker; reconnects when the stream ends.</summary>
    private async Task FollowDockerEventsAsync(ControllerContext context, DockerApi docker, Dictionary<string, (PodWorker Worker, Task Task)> workers, CancellationToken ct)
    {
        while (!ct.IsCancellationRequested)
        {
            try
            {
                await foreach (var e in docker.EventsAsync($"{ContainerOwner.InstanceLabel}={_instance}", ct).ConfigureAwait(false))
                {
                    var uid = (string?)e["Actor"]?["Attributes"]?["io.kubernetes.pod.uid"];
                    context.Log($"docker event {(string?)e["Action"]} of pod {uid}");
                    lock (workers)
                    {
                        if (uid is not null && workers.TryGetValue(uid, out var w))
                        {
                            w.Worker.Poke();
                        }
                    }
                }
            }
            catch (OperationCanceledException) when (ct.IsCancellationRequested)
            {
                return;
            }
            catch (Exception e) when (e is HttpRequestException or IOException or DockerApiException or System.Text.Json.JsonException)
            {
                // The workers relist every few seconds anyway; try the stream again shortly.
                context.Log($"docker event stream: {e.Message}");
            }

            try
            {
                await Task.Delay(TimeSpan.FromSeconds(1), ct).ConfigureAwait(false);
            }
            catch (OperationCanceledException)
            {
                return;
            }
        }
    }
}
