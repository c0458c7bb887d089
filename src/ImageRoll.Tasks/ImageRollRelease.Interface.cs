using Microsoft.Build.Framework;

namespace ImageRoll.Tasks;

/// <summary>The outputs of a release (inputs: <see cref="ReleaseTaskBase"/>).</summary>
public sealed partial class ImageRollRelease
{
    /// <summary><c>REG/REPO@sha256:D</c>: what was released.</summary>
    [Output]
    public string? DigestReference { get; set; }

    [Output]
    public string? Digest { get; set; }

    /// <summary>What the workloads now carry: the stream tag's resolved pull spec, or the digest reference on plain Kubernetes.</summary>
    [Output]
    public string? PullSpec { get; set; }

    /// <summary><c>NAMESPACE/STREAM:TAG</c> when a stream was tagged.</summary>
    [Output]
    public string? StreamTag { get; set; }

    /// <summary>Succeeded, Planned (dry run), BadInput, Failed, RolloutFailed, TimedOut or Cancelled.</summary>
    [Output]
    public string? Status { get; set; }

    /// <summary>
    /// One item per workload (<c>deployment/web</c>) with metadata Kind, Name, Namespace, Outcome, Revision, Message,
    /// Image, TriggerAction, Evidence, Rollback and DurationSeconds.
    /// </summary>
    [Output]
    public ITaskItem[] ReleasedWorkloads { get; set; } = [];
}
