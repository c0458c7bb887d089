namespace ImageRoll.ClusterSimulator.Controllers.Kubelet;

/// <summary>Pulls (here: resolves and measures) a container image the way a node's container runtime would.</summary>
public interface IImagePuller
{
    Task<PullResult> PullAsync(ImageReference reference, CancellationToken cancellationToken);

    /// <summary>An image already on the node (pulled before by digest): no pull, "already present on machine".</summary>
    PullResult? Cached(ImageReference reference);
}
