using ImageRoll.Images;
using ImageRoll.Kubernetes;
using ImageRoll.OpenShift.IntegratedRegistry;

namespace ImageRoll.Release;

/// <summary>
/// The plan's integrated-registry check (<see cref="ReleaseOptions.ClusterRegistry"/>): the registry's host from the
/// cluster (<see cref="IntegratedRegistryLocator"/>; from a pod of the cluster its service host, else its external
/// one), then the image is <c>HOST/NAMESPACE/STREAM:TAG</c> and the run's registry session logs in there with the
/// cluster's own bearer token (<see cref="ClusterTokenCredentials"/>), every other host as the face set up.
/// </summary>
internal static class PlanClusterRegistry
{
    public static async Task<string> LocateAsync(ReleaseRun run, CancellationToken cancellationToken)
    {
        var tag = run.StreamTag!;
        var hosts = await new IntegratedRegistryLocator(run.Kube).LocateAsync(tag.Namespace!, tag.Stream, cancellationToken).ConfigureAwait(false)
            ?? throw new ImageRollException(IntegratedRegistryCodes.NotFound, FailureKind.BadInput,
                $"The cluster names no integrated registry: no host in the Image config (images.config.openshift.io/cluster), in the image streams of {tag.Namespace}, nor a route openshift-image-registry/default-route.",
                "Is the image registry installed (oc get configs.imageregistry.operator.openshift.io cluster: managementState Managed)? Otherwise push to another registry with --image REG/REPO.");
        var cluster = run.Services.Cluster ?? (run.Kube as KubeApiClient)?.Config
            ?? throw new ImageRollException(IntegratedRegistryCodes.NotATokenUser, FailureKind.BadInput,
                "The integrated registry takes the cluster's bearer token, but this release was given no cluster credentials to take it from.",
                "Run it with a kubeconfig (--kubeconfig, KUBECONFIG) whose user has a token.");
        var inCluster = cluster.Source.StartsWith("in-cluster", StringComparison.Ordinal);
        var host = hosts.PushHost(inCluster);
        run.AddClusterLogin(cluster.Credentials, new[] { hosts.Internal, hosts.External }.OfType<string>().ToList());
        run.Image = ImageReference.Parse($"{host}/{tag.Namespace}/{tag.Stream}:{tag.Tag}");
        return $"the integrated registry is {host} ({hosts.Source}); the image goes to {run.Image} with the cluster's token";
    }
}
