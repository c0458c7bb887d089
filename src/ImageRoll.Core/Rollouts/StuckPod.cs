namespace ImageRoll.Rollouts;

/// <summary>A container of a new pod in a state that does not heal by waiting (or has not for the grace period).</summary>
internal sealed record StuckPod(string Pod, string? Uid, string? Container, string Reason, string? Message, int RestartCount);
