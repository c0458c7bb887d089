using System.Text.Json.Nodes;
using ImageRoll.ClusterSimulator.Controllers.Core;

namespace ImageRoll.ClusterSimulator.Controllers.Kubelet;

/// <summary>The container life cycle of the kubelet stand-in (pkg/kubelet/kuberuntime, pkg/kubelet/images).</summary>
public sealed partial class KubeletController
{
    /// <summary>Moves one container on; returns when it next needs attention without any change.</summary>
    private DateTimeOffset? Step(JsonObject pod, ContainerState c, DateTimeOffset now, CancellationToken ct)
    {
        switch (c.Phase)
        {
            case ContainerPhase.New:
                StartPull(pod, c, ct);
                return c.Pull is { IsCompleted: true } ? Step(pod, c, now, ct) : null;

            case ContainerPhase.Pulling when c.Pull is { IsCompleted: true } task:
                c.Pull = null;
                var result = task.IsCompletedSuccessfully ? task.Result : PullResult.Failed(task.Exception?.GetBaseException().Message ?? "pull cancelled", TimeSpan.Zero);
                c.LastPull = result;
                if (result.Success)
                {
                    c.PullFailures = 0;
                    Event(pod, c, false, "Pulled", result.Cached
                        ? $"Container image \"{c.Image}\" already present on machine"
                        : $"Successfully pulled image \"{c.Image}\" in {Go(result.Took)} ({Go(result.Took)} including waiting). Image size: {result.Size} bytes.");
                    return Start(pod, c, now);
                }

                // images/image_manager.go: ErrImagePull with the runtime's message, then the back-off.
                c.PullFailures++;
                c.Fail(ContainerPhase.ErrImagePull, result.Error);
                Event(pod, c, true, "Failed", $"Failed to pull image \"{c.Image}\": {result.Error}");
                Event(pod, c, true, "Failed", "Error: ErrImagePull");
                c.NextAt = now + Scaled(timings.ImagePullBackOff, 1) / 2;
                return c.NextAt;

            case ContainerPhase.ErrImagePull when now >= c.NextAt:
                c.Fail(ContainerPhase.ImagePullBackOff, $"Back-off pulling image \"{c.Image}\"");
                Event(pod, c, false, "BackOff", c.WaitingMessage!);
                Event(pod, c, true, "Failed", "Error: ImagePullBackOff");
                c.NextAt = now + Scaled(timings.ImagePullBackOff, c.PullFailures);
                return c.NextAt;

            case ContainerPhase.ImagePullBackOff when now >= c.NextAt:
                StartPull(pod, c, ct);
                return c.Pull is { IsCompleted: true } ? Step(pod, c, now, ct) : null;

            case ContainerPhase.Running:
                return Running(pod, c, now);

            case ContainerPhase.CrashLoopBackOff when now >= c.NextAt:
                Event(pod, c, false, "Pulled", $"Container image \"{c.Image}\" already present on machine");
                return Start(pod, c, now);

            default:
                return c.NextAt;
        }
    }

    private DateTimeOffset? Start(JsonObject pod, ContainerState c, DateTimeOffset now)
    {
        c.Started();
        c.StartedAt = now;
        c.ContainerId = "containerd://" + Convert.ToHexStringLower(Guid.NewGuid().ToByteArray()) + Convert.ToHexStringLower(Guid.NewGuid().ToByteArray());
        Event(pod, c, false, "Created", $"Created container: {c.Name}");
        Event(pod, c, false, "Started", $"Started container {c.Name}");
        c.ReadyAt = now + ReadinessDelay(pod);
        c.NextProbeEventAt = c.ReadyAt;
        c.NextAt = Crashes(pod) ? now + timings.CrashAfter : c.ReadyAt;
        return c.NextAt;
    }

    private DateTimeOffset? Running(JsonObject pod, ContainerState c, DateTimeOffset now)
    {
        if (Crashes(pod) && now >= c.StartedAt + timings.CrashAfter)
        {
            // kuberuntime: the container exited 1; the next start waits out the back-off (CrashLoopBackOff).
            c.LastExit = (c.StartedAt!.Value, now, c.ContainerId!);
            c.RestartCount++;
            var uid = Obj.Uid(pod);
            c.Fail(ContainerPhase.CrashLoopBackOff, $"back-off {ContainerState.RealBackOffText(c.RestartCount)} restarting failed container={c.Name} pod={Obj.Name(pod)}_{Obj.Namespace(pod)}({uid})");
            Event(pod, c, true, "BackOff", $"Back-off restarting failed container {c.Name} in pod {Obj.Name(pod)}_{Obj.Namespace(pod)}({uid})");
            c.NextAt = now + Scaled(timings.CrashLoopBackOff, c.RestartCount);
            return c.NextAt;
        }

        if (FailsReadiness(pod))
        {
            if (now >= c.NextProbeEventAt)
            {
                Event(pod, c, true, "Unhealthy", "Readiness probe failed: HTTP probe failed with statuscode: 503");
                c.NextProbeEventAt = now + timings.ProbePeriod;
            }

            return c.NextProbeEventAt;
        }

        DateTimeOffset? next = now >= c.ReadyAt ? null : c.ReadyAt;
        if (Crashes(pod))
        {
            var crashAt = c.StartedAt!.Value + timings.CrashAfter;
            next = next is null || crashAt < next ? crashAt : next;
        }

        return next;
    }

    private static bool Crashes(JsonObject pod) =>
        string.Equals(Obj.Annotation(pod, CrashAnnotation), "true", StringComparison.OrdinalIgnoreCase);

    private static bool FailsReadiness(JsonObject pod) =>
        string.Equals(Obj.Annotation(pod, ReadinessAnnotation), "fail", StringComparison.OrdinalIgnoreCase);

    private TimeSpan ReadinessDelay(JsonObject pod) =>
        Obj.Annotation(pod, ReadyAfterAnnotation) is { } text && SimDuration.TryParse(text, out var d) ? d : timings.ReadinessDelay;

    /// <summary>The back-off doubles per failure, capped at 8x the first step (the real one caps at 5 min from 10 s).</summary>
    private static TimeSpan Scaled(TimeSpan first, int failures) => first * (1 << Math.Clamp(failures - 1, 0, 3));

    private static string Go(TimeSpan t) => t.TotalSeconds >= 1 ? $"{t.TotalSeconds:0.###}s" : $"{Math.Max(1, (int)t.TotalMilliseconds)}ms";
}
