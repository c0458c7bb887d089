namespace ImageRoll.Rollouts;

/// <summary>What a rollback did: the revision it went back to, the image(s) restored, and how following it ended.</summary>
public sealed record RollbackResult(
    bool Performed,
    string Description,
    string? ToRevision,
    IReadOnlyList<string> RestoredImages,
    string? StreamTag,
    RolloutOutcome? Outcome,
    string? Message);
