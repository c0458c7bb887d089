namespace ImageRoll.Release;

/// <summary>
/// Where the release's image comes from. Every source ends with a verified <c>REG/REPO@sha256:...</c> in the
/// target registry (ReleaseOptions.Image); nothing downstream uses a mutable tag.
/// </summary>
public abstract record ReleaseSource
{
    /// <summary>One line for the plan and the logs, e.g. <c>dockerfile src/Dockerfile (context src)</c>.</summary>
    public abstract string Describe();
}
