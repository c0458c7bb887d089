namespace ImageRoll.OpenShift.IntegratedRegistry;

/// <summary>
/// Where the cluster's integrated registry is: <see cref="Internal"/>, the service host image streams and pods name
/// (<c>image-registry.openshift-image-registry.svc:5000</c>), and <see cref="External"/>, a host reachable from outside
/// the cluster (its route), each null when the cluster does not say; <see cref="Source"/> says what said so.
/// </summary>
public sealed record IntegratedRegistryHosts(string? Internal, string? External, string Source)
{
    /// <summary>The host a client pushes to: the internal one from a pod in the cluster, else the external one.</summary>
    public string PushHost(bool inCluster)
    {
        if (inCluster && Internal is { } inside)
        {
            return inside;
        }

        return External ?? throw new ImageRollException(IntegratedRegistryCodes.NoExternalHostname, FailureKind.BadInput,
            $"The integrated registry is reachable only inside the cluster ({Internal}, from {Source}): it has no external host name to push to from here.",
            "Ask an admin to expose it (oc patch configs.imageregistry.operator.openshift.io/cluster --type merge -p '{\"spec\":{\"defaultRoute\":true}}'), run the release in a pod of the cluster, or push to another registry (--image REG/REPO).");
    }
}
