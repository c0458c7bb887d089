namespace ImageRoll.ClusterSimulator.Controllers.Kubelet.Docker;

/// <summary>
/// The docker kubelet's memory of one container of a pod across its restarts: the image pull in flight and its
/// back-off, the Docker container running now (if any), its last exit, the crash-loop back-off and the probes.
/// </summary>
public sealed class RuntimeContainer(string name, string image, TimeSpan pullBackOff, TimeSpan crashLoopBackOff)
{
    public string Name { get; } = name;

    public string Image { get; } = image;

    /// <summary>A pull in flight: null result = pulled, otherwise the daemon's error.</summary>
    public Task<string?>? Pull { get; set; }

    public DateTimeOffset PullStartedAt { get; set; }

    public KubeletBackOff PullBackOff { get; } = new(pullBackOff);

    /// <summary>When the last pull failed (the image back-off counts from there).</summary>
    public DateTimeOffset? PullFailedAt { get; set; }

    /// <summary><c>docker-pullable://REPO@sha256:...</c> once the image is on the node.</summary>
    public string ImageId { get; set; } = "";

    public string? ContainerId { get; set; }

    /// <summary>The last exited container, kept (as the kubelet keeps it for <c>logs --previous</c>) for <c>docker logs</c>.</summary>
    public string? DeadContainerId { get; set; }

    public DateTimeOffset? StartedAt { get; set; }

    public int Pid { get; set; }

    /// <summary>Containers created so far; restartCount is one less.</summary>
    public int Attempts { get; set; }

    public KubeletBackOff CrashBackOff { get; } = new(crashLoopBackOff);

    /// <summary>The exit that ends the container for good (restartPolicy Never, or OnFailure after exit 0).</summary>
    public TerminatedState? Terminal { get; set; }

    public TerminatedState? LastTerminated { get; set; }

    /// <summary>Why the container is not running (ContainerCreating when null), and the kubelet's message.</summary>
    public string? WaitingReason { get; set; }

    public string? WaitingMessage { get; set; }

    /// <summary>When a retry (pull, create) or restart is due without any other change.</summary>
    public DateTimeOffset? RetryAt { get; set; }

    public ProbeState? Startup { get; set; }

    public ProbeState? Readiness { get; set; }

    public ProbeState? Liveness { get; set; }

    public bool Running => ContainerId is not null && StartedAt is not null;

    public bool Started => Running && (Startup is null || Startup.Result);

    public bool Ready => Started && (Readiness is null || Readiness.Result);

    public int RestartCount => Math.Max(0, Attempts - 1);

    public void SetWaiting(string? reason, string? message)
    {
        WaitingReason = reason;
        WaitingMessage = message;
    }
}
