namespace ImageRoll.ClusterSimulator.Controllers.Kubelet;

/// <summary>Pulls (here: resolves and measures) a container image the way a node's container runtime would.</summary>
public interface IImagePuller
{
    /// <summary>Pulls; <paramref name="logins"/> are the pod's pull secrets by registry host.</summary>
    Task<PullResult> PullAsync(ImageReference reference, CancellationToken cancellationToken, Func<string, (string User, string Password)?>? logins = null);

    /// <summary>An image already on the node (pulled before by digest): no pull, "already present on machine".</summary>
    PullResult? Cached(ImageReference reference);
}
