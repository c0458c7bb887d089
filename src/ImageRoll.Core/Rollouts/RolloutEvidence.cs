namespace ImageRoll.Rollouts;

/// <summary>
/// What a person would go and look at: the stuck pod and container of the new revision, the waiting/termination
/// reason and message, the restart count, how long it was stuck, the revision (ReplicaSet, RC or
/// ControllerRevision) and the latest relevant Events.
/// </summary>
public sealed record RolloutEvidence(
    string? Pod,
    string? Container,
    string Reason,
    string? Message,
    int RestartCount,
    TimeSpan StuckFor,
    string? Revision,
    IReadOnlyList<RolloutEventEvidence> Events)
{
    /// <summary>One line: <c>pod web-5d8-abc container web: ImagePullBackOff (Back-off pulling image "x"), 0 restarts</c>.</summary>
    public string Describe()
    {
        var where = Pod is null ? Revision ?? "workload" : Container is null ? $"pod {Pod}" : $"pod {Pod} container {Container}";
        var message = string.IsNullOrEmpty(Message) ? string.Empty : $" ({Message})";
        return $"{where}: {Reason}{message}, {RestartCount} restarts";
    }
}
