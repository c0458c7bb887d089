using ImageRoll.Images;
using ImageRoll.Kubernetes;
using ImageRoll.OpenShift.ImageStreams;
using ImageRoll.OpenShift.TriggerStep;
using ImageRoll.Rollouts;

namespace ImageRoll.Release;

/// <summary>
/// One release, as both faces bind it (the CLI's <c>imageroll release</c> flags, the MSBuild face's <c>ImageRoll*</c>
/// properties): where the image comes from, where it goes, which stream tag and workloads it reaches, and how.
/// Everything runs under ONE deadline, <see cref="Timeout"/>, rollback included.
/// </summary>
public sealed record ReleaseOptions
{
    /// <summary>The target <c>REG/REPO[:TAG]</c>, or <c>REG/REPO@sha256:D</c> for an image already pushed.</summary>
    public required ImageReference Image { get; init; }

    public ReleaseSource Source { get; init; } = new ExistingImageSource();

    /// <summary>
    /// Push to the cluster's own integrated registry (<c>--registry cluster</c>, docs/openshift-native.md): its host
    /// found from the cluster, the repository <c>NAMESPACE/STREAM</c> and the tag of <see cref="StreamTag"/>, the cluster's
    /// bearer token as the password; the push itself updates the stream (no tag step). <see cref="Image"/> is then
    /// replaced by that reference once the plan found the host (the faces pass <see cref="ClusterRegistryImage"/>).
    /// </summary>
    public bool ClusterRegistry { get; init; }

    /// <summary>The image stream tag to point at the digest; null: plain Kubernetes (the container image is patched).</summary>
    public StreamTagRef? StreamTag { get; init; }

    /// <summary>The workloads to roll out; empty: every workload whose trigger follows <see cref="StreamTag"/> in <see cref="Namespace"/>.</summary>
    public IReadOnlyList<WorkloadRef> Workloads { get; init; } = [];

    public TriggerMode Trigger { get; init; } = TriggerMode.Wait;

    /// <summary>Where the workloads are (and the stream, unless StreamTag names another); null: the client's namespace.</summary>
    public string? Namespace { get; init; }

    /// <summary>The one deadline for the whole release: build, push, tag, trigger, rollout and rollback.</summary>
    public TimeSpan Timeout { get; init; } = RolloutFollowOptions.DefaultTimeout;

    /// <summary>How long a new pod may stay stuck before the rollout fails early; null: the default (60 s, at most half the timeout).</summary>
    public TimeSpan? GracePeriod { get; init; }

    /// <summary>Wait mode: how long the cluster's trigger controller gets before ImageRoll says why nothing happened.</summary>
    public TimeSpan TriggerGrace { get; init; } = TimeSpan.FromSeconds(60);

    /// <summary>Follow the rollouts to the end (false: <c>--no-wait</c>, stop after the trigger step).</summary>
    public bool Wait { get; init; } = true;

    public bool RollbackOnFailure { get; init; }

    /// <summary>Make and check the plan, change nothing.</summary>
    public bool DryRun { get; init; }

    /// <summary>Patch mode: the container to set where no trigger names one (plain Kubernetes, a DC without a trigger).</summary>
    public string? Container { get; init; }

    /// <summary>Patch mode: set the image even where the trigger (or the DeploymentConfig) is paused.</summary>
    public bool IgnorePaused { get; init; }

    /// <summary>The stream tag's <c>referencePolicy.type</c>: <c>Source</c> or <c>Local</c>.</summary>
    public string ReferencePolicy { get; init; } = "Source";

    /// <summary>The stream tag's <c>importPolicy.importMode</c>: <c>Legacy</c> or <c>PreserveOriginal</c>.</summary>
    public string ImportMode { get; init; } = "Legacy";

    /// <summary>Create the image stream when it does not exist (otherwise that is an error, found in the plan).</summary>
    public bool CreateStream { get; init; }

    /// <summary>More tags to push the image under (archive and dockerfile sources).</summary>
    public IReadOnlyList<string> ExtraTags { get; init; } = [];

    /// <summary>The folder relative paths (project, Dockerfile, context, archive) are taken from.</summary>
    public string WorkingDirectory { get; init; } = Environment.CurrentDirectory;

    /// <summary>
    /// The <see cref="Image"/> of a <see cref="ClusterRegistry"/> release before the plan knows the registry's host:
    /// the stream's name in the registry's default service host.
    /// </summary>
    public static ImageReference ClusterRegistryImage(StreamTagRef streamTag, string? ns)
    {
        ArgumentNullException.ThrowIfNull(streamTag);
        return ImageReference.Parse($"{DigestPullSpec.IntegratedRegistryHost}/{streamTag.Namespace ?? ns ?? "default"}/{streamTag.Stream}:{streamTag.Tag}");
    }
}
