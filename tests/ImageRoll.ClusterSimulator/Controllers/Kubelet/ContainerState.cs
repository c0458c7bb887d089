namespace ImageRoll.ClusterSimulator.Controllers.Kubelet;

/// <summary>Where one container of a pod is in the kubelet stand-in's life cycle.</summary>
public enum ContainerPhase
{
    /// <summary>Not yet pulling (the pod was just seen).</summary>
    New,
    Pulling,
    ErrImagePull,
    ImagePullBackOff,
    InvalidImageName,
    Running,
    CrashLoopBackOff,
}

/// <summary>The kubelet stand-in's memory of one container (the real kubelet keeps this in its runtime cache).</summary>
public sealed class ContainerState(string name, string image)
{
    public string Name { get; } = name;

    public string Image { get; } = image;

    public ContainerPhase Phase { get; set; } = ContainerPhase.New;

    public Task<PullResult>? Pull { get; set; }

    public PullResult? LastPull { get; set; }

    public int PullFailures { get; set; }

    public int RestartCount { get; set; }

    /// <summary>When the current phase ends on its own (back-off over, crash, readiness).</summary>
    public DateTimeOffset? NextAt { get; set; }

    public DateTimeOffset? StartedAt { get; set; }

    public DateTimeOffset? ReadyAt { get; set; }

    public DateTimeOffset? NextProbeEventAt { get; set; }

    public string? ContainerId { get; set; }

    public string? WaitingMessage { get; set; }

    /// <summary>
    /// The reason of the last failed start, which the status shows for as long as the container is not running: the
    /// real kubelet's reason cache (kubernetes pkg/kubelet/reason_cache.go: set by a failed StartContainer, removed
    /// only by a successful one; pkg/kubelet/kubelet_pods.go convertToAPIContainerStatuses writes it as the waiting
    /// reason). So a retried pull shows ImagePullBackOff, not ContainerCreating. Null before the first failure.
    /// </summary>
    public string? WaitingReason { get; private set; }

    /// <summary>A failed start: the phase, and the reason and message the status keeps until a start succeeds.</summary>
    public void Fail(ContainerPhase phase, string? message)
    {
        Phase = phase;
        WaitingReason = phase.ToString();
        WaitingMessage = message;
    }

    /// <summary>A successful start clears the reason.</summary>
    public void Started()
    {
        Phase = ContainerPhase.Running;
        WaitingReason = null;
        WaitingMessage = null;
    }

    /// <summary>The last exit (for lastState.terminated): startedAt, finishedAt, containerID.</summary>
    public (DateTimeOffset Started, DateTimeOffset Finished, string ContainerId)? LastExit { get; set; }

    /// <summary>The real kubelet's container back-off: 10 s doubling to 5 min (pkg/kubelet/kuberuntime). Its words.</summary>
    public static string RealBackOffText(int restarts)
    {
        var seconds = Math.Min(300, 10 * (1 << Math.Min(restarts - 1, 5)));
        return seconds >= 60 ? $"{seconds / 60}m{seconds % 60}s" : $"{seconds}s";
    }
}
