namespace ImageRoll.ClusterSimulator.Controllers.Core;

/// <summary>
/// Knobs of the workload controllers and the kubelet stand-in. Defaults keep a rollout of a few pods to about a
/// second; tests shorten them further. Real clusters' values are given for comparison.
/// </summary>
public sealed record ControllerTimings
{
    /// <summary>Number of simulated nodes (<c>sim-node-0</c> ...): the DaemonSet's desired count.</summary>
    public int NodeCount { get; init; } = 1;

    /// <summary>From a container starting to its readiness probe passing (real: initialDelaySeconds + period).</summary>
    public TimeSpan ReadinessDelay { get; init; } = TimeSpan.FromMilliseconds(200);

    /// <summary>First image-pull back-off (real kubelet: 10 s, doubling to 5 min); doubles up to 8x here.</summary>
    public TimeSpan ImagePullBackOff { get; init; } = TimeSpan.FromSeconds(1);

    /// <summary>How long a crash-looping container runs before it exits (real: the program's own lifetime).</summary>
    public TimeSpan CrashAfter { get; init; } = TimeSpan.FromMilliseconds(300);

    /// <summary>First crash-loop restart back-off (real kubelet: 10 s, doubling to 5 min); doubles up to 8x here.</summary>
    public TimeSpan CrashLoopBackOff { get; init; } = TimeSpan.FromSeconds(1);

    /// <summary>Period of a failing readiness probe's Unhealthy events (real: periodSeconds, default 10 s).</summary>
    public TimeSpan ProbePeriod { get; init; } = TimeSpan.FromSeconds(1);

    /// <summary>Timeout of one registry request made by the kubelet stand-in.</summary>
    public TimeSpan PullTimeout { get; init; } = TimeSpan.FromSeconds(5);

    /// <summary>How often the DeploymentConfig deployer re-checks a rollout in progress.</summary>
    public TimeSpan DeployerPeriod { get; init; } = TimeSpan.FromMilliseconds(100);
}
