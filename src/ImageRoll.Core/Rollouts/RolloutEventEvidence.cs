namespace ImageRoll.Rollouts;

/// <summary>One Event as <c>kubectl describe pod</c> shows it: type, reason, message, how often and when last.</summary>
public sealed record RolloutEventEvidence(string? Type, string? Reason, string? Message, int Count, DateTimeOffset? LastSeen, string? Object);
