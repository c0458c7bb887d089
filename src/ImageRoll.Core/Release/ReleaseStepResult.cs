namespace ImageRoll.Release;

/// <summary>How one step ended and how long it took; <see cref="Summary"/> is one line for logs and reports.</summary>
public sealed record ReleaseStepResult(ReleaseStep Step, bool Succeeded, TimeSpan Elapsed, string Summary);
