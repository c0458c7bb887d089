using ImageRoll.ClusterSimulator.Controllers.Core;
using ImageRoll.ClusterSimulator.Store;

namespace ImageRoll.ClusterSimulator.Controllers.Kubelet.Docker;

/// <summary>What every pod worker of the docker kubelet shares: the daemon, the prober, the store, the recorder.</summary>
public sealed record NodeRuntime(
    DockerApi Docker,
    Prober Prober,
    ObjectStore Store,
    EventRecorder Events,
    ControllerContext Context,
    IReadOnlyDictionary<string, string> InstanceLabels)
{
    public TimeProvider Clock => Context.Clock;

    public ControllerTimings Timings => Context.Options.Timings;

    /// <summary>How long one image pull may take (the real kubelet's runtime-request-timeout is 2 minutes).</summary>
    public static TimeSpan PullTimeout { get; } = TimeSpan.FromMinutes(2);
}
