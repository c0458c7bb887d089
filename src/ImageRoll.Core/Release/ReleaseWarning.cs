namespace ImageRoll.Release;

/// <summary>Something the user should know that did not stop the release, with its IR code (as <see cref="IReleaseObserver.Warning"/> heard it).</summary>
public sealed record ReleaseWarning(string Code, string Message);
