using ImageRoll.Kubernetes;

namespace ImageRoll.Release;

/// <summary>
/// What the release will do to one workload: <see cref="Action"/> in words (<c>wait for the trigger</c>,
/// <c>patch containers web</c>, <c>instantiate</c>), the containers, and the image they carry now.
/// </summary>
public sealed record PlannedWorkload(WorkloadRef Workload, string Action, IReadOnlyList<string> Containers, string? CurrentImage)
{
    private readonly string? _ns;

    /// <summary>The workload's namespace (as resolved by the plan; in a document read back, the document's).</summary>
    public string? Namespace
    {
        get => _ns ?? Workload.Namespace;
        init => _ns = value;
    }
}
