using System.Globalization;
using System.Text.Json.Nodes;
using ImageRoll.ClusterSimulator.Controllers.Core;

namespace ImageRoll.ClusterSimulator.Controllers.Kubelet.Docker;

/// <summary>The container life cycle (pkg/kubelet/kuberuntime kuberuntime_manager.go SyncPod, kuberuntime_container.go).</summary>
public sealed partial class PodWorker
{
    /// <summary>Moves one container on; returns when it next needs attention without any change (null: on a change only).</summary>
    private async Task<DateTimeOffset?> StepAsync(JsonObject current, JsonObject spec, RuntimeContainer c, CancellationToken ct)
    {
        if (c.ContainerId is { } id)
        {
            var inspect = await node.Docker.InspectContainerAsync(id, ct).ConfigureAwait(false);
            if (inspect is { Running: true })
            {
                return await ProbeAsync(current, c, inspect, ct).ConfigureAwait(false);
            }

            await RecordExitAsync(c, inspect, null, ct).ConfigureAwait(false);
            if (!ShouldRestart(current, c.LastTerminated!))
            {
                c.Terminal = c.LastTerminated;
                return null;
            }
        }

        if (c.Terminal is not null)
        {
            return null;
        }

        var now = node.Clock.GetUtcNow();
        if (c.RetryAt is { } retry && now < retry && c.Pull is null)
        {
            return ImageBackOff(current, c, now) ?? retry;
        }

        if (c.LastTerminated is { } last && c.Pull is null)
        {
            // kuberuntime doBackOff: the first restart is immediate, later ones wait out a doubling back-off.
            var finished = last.FinishedAt ?? now;
            if (c.CrashBackOff.IsInBackOffSince(finished, now))
            {
                var message = $"back-off {c.CrashBackOff.RealText()} restarting failed container={c.Name} pod={_name}_{_ns}({Uid})";
                if (c.WaitingMessage != message)
                {
                    c.SetWaiting("CrashLoopBackOff", message);
                    Event(current, c, true, "BackOff", $"Back-off restarting failed container {c.Name} in pod {_name}_{_ns}({Uid})");
                }

                return finished + c.CrashBackOff.Current!.Value;
            }
        }

        if (await EnsureImageAsync(current, spec, c, ct).ConfigureAwait(false) is { } waitForImage)
        {
            return waitForImage == DateTimeOffset.MaxValue ? null : waitForImage;
        }

        if (c.LastTerminated is not null)
        {
            c.CrashBackOff.Next(node.Clock.GetUtcNow());
        }

        return await StartAsync(current, spec, c, ct).ConfigureAwait(false);
    }

    /// <summary>kuberuntime startContainer: create (with env, command, ports), Created, start, Started, then the probes.</summary>
    private async Task<DateTimeOffset?> StartAsync(JsonObject current, JsonObject spec, RuntimeContainer c, CancellationToken ct)
    {
        var now = node.Clock.GetUtcNow();
        IReadOnlyList<KeyValuePair<string, string>> env;
        try
        {
            env = ContainerEnvironment.Build(current, spec, node.Store);
        }
        catch (ContainerConfigException e)
        {
            return Failed(current, c, "CreateContainerConfigError", e.Message, now);
        }

        var startup = ProbeSpec.Parse(spec, "startupProbe");
        var readiness = ProbeSpec.Parse(spec, "readinessProbe");
        var liveness = ProbeSpec.Parse(spec, "livenessProbe");
        var ports = Obj.Objects(spec, "ports")
            .Where(p => (Obj.Str(p, "protocol") ?? "TCP") == "TCP")
            .Select(p => (int)Obj.Int(p, 0, "containerPort"))
            .Concat(new[] { startup, readiness, liveness }.Where(p => p is { Action: not ProbeAction.Exec, PortError: null }).Select(p => p!.Port))
            .Where(p => p is > 0 and < 65536)
            .Distinct()
            .ToDictionary(p => p, p => _hostPorts.TryGetValue(p, out var known) ? known : (int?)null);
        var labels = new Dictionary<string, string>(node.InstanceLabels, StringComparer.Ordinal)
        {
            ["io.kubernetes.pod.name"] = _name,
            ["io.kubernetes.pod.namespace"] = _ns,
            ["io.kubernetes.pod.uid"] = Uid,
            ["io.kubernetes.container.name"] = c.Name,
        };
        var image = ImageReference.TryParse(c.Image)!.Normalized;
        var body = ContainerCreateBody.Build(current, spec, image, env, ports, labels);
        string id;
        try
        {
            // The name the kubelet's docker runtime gives a container: k8s_CONTAINER_POD_NAMESPACE_UID_ATTEMPT.
            id = await node.Docker.CreateContainerAsync($"k8s_{c.Name}_{_name}_{_ns}_{Uid}_{c.Attempts.ToString(CultureInfo.InvariantCulture)}", body, ct).ConfigureAwait(false);
        }
        catch (DockerApiException e)
        {
            return Failed(current, c, "CreateContainerError", e.Message, now);
        }

        c.Attempts++;
        c.ContainerId = id;
        c.StartedAt = null;
        Event(current, c, false, "Created", $"Created container: {c.Name}");
        try
        {
            await node.Docker.StartContainerAsync(id, ct).ConfigureAwait(false);
        }
        catch (DockerApiException e)
        {
            // cri-dockerd: the start error comes back as the container's exit (Docker: 126/127 "ContainerCannotRun").
            var message = $"failed to start container \"{id}\": Error response from daemon: {e.Message}";
            Event(current, c, true, "Failed", $"Error: {message}");
            var failed = await node.Docker.InspectContainerAsync(id, ct).ConfigureAwait(false);
            await RecordExitAsync(c, failed, "ContainerCannotRun", ct).ConfigureAwait(false);
            c.SetWaiting("RunContainerError", message);
            return node.Clock.GetUtcNow();
        }

        var inspect = await node.Docker.InspectContainerAsync(id, ct).ConfigureAwait(false);
        c.StartedAt = inspect?.StartedAt ?? node.Clock.GetUtcNow();
        c.Pid = inspect?.Pid ?? 0;
        c.SetWaiting(null, null);
        c.RetryAt = null;
        Event(current, c, false, "Started", $"Started container {c.Name}");
        Annotate(inspect?.PublishedTcpPorts ?? new Dictionary<int, int>());
        var started = c.StartedAt.Value;
        c.Startup = startup is null ? null : new ProbeState("Startup", startup, false, started);
        c.Readiness = readiness is null ? null : new ProbeState("Readiness", readiness, false, started);
        c.Liveness = liveness is null ? null : new ProbeState("Liveness", liveness, true, started);
        // Already gone (a command that exits at once): the next step records the exit; no probe of a dead container.
        return inspect is { Running: true } ? await ProbeAsync(current, c, inspect, ct).ConfigureAwait(false) : node.Clock.GetUtcNow();
    }

    /// <summary>A container that could not be created: waiting with the kubelet's reason, an event, a retry after a back-off step.</summary>
    private DateTimeOffset Failed(JsonObject current, RuntimeContainer c, string reason, string message, DateTimeOffset now)
    {
        if (c.WaitingReason != reason || c.WaitingMessage != message)
        {
            Event(current, c, true, "Failed", $"Error: {message}");
        }

        c.SetWaiting(reason, message);
        c.RetryAt = now + node.Timings.CrashLoopBackOff;
        return c.RetryAt.Value;
    }

    /// <summary>The container exited (or vanished): its terminated state; it stays (for docker logs) until the next one exits.</summary>
    private async Task RecordExitAsync(RuntimeContainer c, ContainerInspect? inspect, string? reason, CancellationToken ct)
    {
        var id = c.ContainerId!;
        var exitCode = inspect?.ExitCode ?? 137;
        reason ??= inspect is null ? "ContainerStatusUnknown" : inspect.OomKilled ? "OOMKilled" : exitCode == 0 ? "Completed" : "Error";
        var message = inspect is null ? "The container could not be located when the pod was terminated" : inspect.Error;
        c.LastTerminated = new TerminatedState(exitCode, reason, message, inspect?.StartedAt ?? c.StartedAt, inspect?.FinishedAt ?? node.Clock.GetUtcNow(), "docker://" + id);
        c.ContainerId = null;
        c.StartedAt = null;
        c.Pid = 0;
        c.Startup = c.Readiness = c.Liveness = null;
        if (c.DeadContainerId is { } older)
        {
            await node.Docker.RemoveContainerAsync(older, ct).ConfigureAwait(false);
        }

        c.DeadContainerId = id;
    }

    /// <summary>kuberuntime ShouldContainerBeRestarted: Always restarts, OnFailure only after a non-zero exit, Never never.</summary>
    private static bool ShouldRestart(JsonObject current, TerminatedState exit) => (Obj.Str(current, "spec", "restartPolicy") ?? "Always") switch
    {
        "Never" => false,
        "OnFailure" => exit.ExitCode != 0,
        _ => true,
    };

    /// <summary>kuberuntime killContainer: Killing with the reason, SIGTERM, SIGKILL after terminationGracePeriodSeconds.</summary>
    private async Task StopAsync(JsonObject current, RuntimeContainer c, string message, CancellationToken ct)
    {
        if (c.ContainerId is not { } id)
        {
            return;
        }

        Event(current, c, false, "Killing", message);
        var grace = (int)Math.Clamp(Obj.Int(current, 30, "spec", "terminationGracePeriodSeconds"), 0, 300);
        await node.Docker.StopContainerAsync(id, grace, ct).ConfigureAwait(false);
    }
}
