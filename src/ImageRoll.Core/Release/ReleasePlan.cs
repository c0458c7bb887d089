namespace ImageRoll.Release;

/// <summary>
/// What the release would do, checked read-only before anything changes: the source, what is pushed where (the
/// digest when already known), the stream tag, the workloads and what happens to each, and every check made.
/// </summary>
public sealed record ReleasePlan(
    string Source,
    string Image,
    string? DigestReference,
    string? StreamTag,
    string Trigger,
    IReadOnlyList<PlannedWorkload> Workloads,
    IReadOnlyList<PlanCheck> Checks)
{
    public bool Passed => Checks.All(c => c.Passed);
}
