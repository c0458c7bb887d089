namespace ImageRoll.Release;

/// <summary>
/// The one result of a release, succeeded or not: the faces render it (console, JSON document, GitHub Actions
/// outputs and summary, JUnit, MSBuild outputs) and exit with <see cref="ExitCode"/>.
/// </summary>
public sealed record ReleaseResult
{
    public required ReleaseStatus Status { get; init; }

    /// <summary>The image as asked for (<c>REG/REPO[:TAG]</c>).</summary>
    public required string Image { get; init; }

    /// <summary><c>REG/REPO@sha256:D</c> once the image step is done.</summary>
    public string? DigestReference { get; init; }

    public string? Digest { get; init; }

    /// <summary>What the workloads were set to: the stream tag's resolved pull spec, or the digest reference on plain Kubernetes.</summary>
    public string? PullSpec { get; init; }

    /// <summary><c>NAMESPACE/STREAM:TAG</c>, when a stream was tagged.</summary>
    public string? StreamTag { get; init; }

    /// <summary>Where the image came from, in one line (<see cref="ReleaseSource.Describe"/>).</summary>
    public string? Source { get; init; }

    public IReadOnlyList<WorkloadRelease> Workloads { get; init; } = [];

    public IReadOnlyList<ReleaseWarning> Warnings { get; init; } = [];

    public IReadOnlyList<ReleaseStepResult> Steps { get; init; } = [];

    public ReleasePlan? Plan { get; init; }

    public ReleaseError? Error { get; init; }

    public TimeSpan Elapsed { get; init; }

    public bool DryRun { get; init; }

    public int ExitCode => Status switch
    {
        ReleaseStatus.Succeeded or ReleaseStatus.Planned => 0,
        ReleaseStatus.BadInput => 2,
        // A bug (IR2098, FailureKind.Unexpected) is recorded as Failed but exits 1, as every command's bug does.
        ReleaseStatus.Failed => Error?.Kind == FailureKind.Unexpected ? 1 : 3,
        ReleaseStatus.RolloutFailed => 4,
        ReleaseStatus.TimedOut => 5,
        ReleaseStatus.Cancelled => 130,
        _ => 1,
    };
}
