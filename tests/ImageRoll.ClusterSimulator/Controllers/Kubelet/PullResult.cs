namespace ImageRoll.ClusterSimulator.Controllers.Kubelet;

/// <summary>The outcome of one image pull: the digest and size pulled, or the runtime's error message.</summary>
public sealed record PullResult(bool Success, string? ImageId, long Size, string? Error, TimeSpan Took, bool Cached = false)
{
    public static PullResult Failed(string error, TimeSpan took) => new(false, null, 0, error, took);
}
