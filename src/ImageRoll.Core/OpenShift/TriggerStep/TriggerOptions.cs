using ImageRoll.Kubernetes;
using ImageRoll.OpenShift.ImageStreams;

namespace ImageRoll.OpenShift.TriggerStep;

/// <summary>
/// The trigger step of <c>imageroll rollout --from STREAM:TAG --trigger wait|patch</c>. No workloads: every workload
/// the tag triggers in the namespace. <see cref="Grace"/>: how long <c>wait</c> gives the controller before it reports
/// the likely cause. <see cref="Container"/>: for a DeploymentConfig without a trigger for the tag, the container to set.
/// </summary>
public sealed record TriggerOptions(StreamTagRef From, IReadOnlyList<WorkloadRef> Workloads, TriggerMode Mode)
{
    public bool IgnorePaused { get; init; }

    public TimeSpan Grace { get; init; } = TimeSpan.FromSeconds(60);

    public string? Container { get; init; }

    /// <summary>Where the workloads are (<c>-n</c>); null: the client's namespace. The stream may be elsewhere (NS/STREAM:TAG).</summary>
    public string? WorkloadNamespace { get; init; }
}
