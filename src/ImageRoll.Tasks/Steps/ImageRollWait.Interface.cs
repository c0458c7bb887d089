using Microsoft.Build.Framework;

namespace ImageRoll.Tasks.Steps;

/// <summary>Workloads in, how each rollout ended out.</summary>
public sealed partial class ImageRollWait
{
    /// <summary>KIND/NAME items (optional Namespace metadata).</summary>
    [Required]
    public ITaskItem[] Workloads { get; set; } = [];

    /// <summary>How long a new pod may stay stuck before the rollout fails early (default 60 s, at most half the timeout).</summary>
    public string? GracePeriod { get; set; }

    /// <summary>One item per workload with metadata Outcome (Succeeded, Failed, TimedOut), Message, Reason, Evidence, DurationSeconds.</summary>
    [Output]
    public ITaskItem[] RolledOutWorkloads { get; set; } = [];
}
