using Microsoft.Build.Framework;

namespace ImageRoll.Tasks.Steps;

/// <summary>The stream tag and workloads in, what the trigger step did to each workload out.</summary>
public sealed partial class ImageRollTrigger
{
    /// <summary>STREAM:TAG or NAMESPACE/STREAM:TAG the workloads' triggers follow.</summary>
    [Required]
    public string ImageStream { get; set; } = string.Empty;

    /// <summary>KIND/NAME items (optional Namespace metadata).</summary>
    [Required]
    public ITaskItem[] Workloads { get; set; } = [];

    /// <summary>wait (default): the cluster's controller changes the workloads; patch: ImageRoll makes the change.</summary>
    public string? Trigger { get; set; }

    /// <summary>Patch mode: the container to set where no trigger names one.</summary>
    public string? Container { get; set; }

    /// <summary>One item per workload with metadata Action (AlreadyCurrent, ControllerUpdated, Patched, Instantiated), Image, Containers, ResourceVersion.</summary>
    [Output]
    public ITaskItem[] TriggeredWorkloads { get; set; } = [];
}
