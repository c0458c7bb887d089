using ImageRoll.Images;
using ImageRoll.Kubernetes;
using ImageRoll.OpenShift.ImageStreams;
using ImageRoll.OpenShift.IntegratedRegistry;
using ImageRoll.OpenShift.Models;

namespace ImageRoll.Release;

/// <summary>
/// The plan's source check of a promotion: the source stream tag's latest image, read from the source cluster, as
/// <c>oc tag</c> reads it (openshift/oc pkg/cli/tag/tag.go: <c>LatestTaggedImage</c>; none is an error, a tag with no
/// image ID cannot be pinned). In one cluster that image is the release's image; from another cluster it is copied,
/// out of that cluster's integrated registry (through its external host, with its token) when it lives there, into
/// the destination cluster's integrated registry (found before, <see cref="PlanClusterRegistry"/>).
/// </summary>
internal static class PlanPromotion
{
    public static async Task<string> SourceAsync(ReleaseRun run, PromotionSource promotion, CancellationToken cancellationToken)
    {
        var api = run.Services.SourceKube ?? run.Kube;
        var from = promotion.From with { Namespace = promotion.From.Namespace ?? api.DefaultNamespace };
        var where = run.Services.SourceKube is null ? string.Empty : " of the source cluster";
        var stream = await api.TryGetAsync<ImageStream>(ResourceKind.ImageStreams, from.Namespace, from.Stream, cancellationToken).ConfigureAwait(false)
            ?? throw new ImageRollException(ImageStreamErrors.StreamNotFound, FailureKind.OperationFailed,
                $"The image stream '{from.Stream}' to promote from does not exist in namespace '{from.Namespace}'{where}.",
                "Check the source STREAM:TAG and its namespace (NAMESPACE/STREAM:TAG, or -n).");
        var latest = stream.StatusTag(from.Tag)?.Items.FirstOrDefault()
            ?? throw new ImageRollException(IntegratedRegistryCodes.PromotionSourceEmpty, FailureKind.OperationFailed,
                $"\"{from}\" is not currently pointing to an image, cannot use it as the source of a tag.",
                $"Release an image into {from} first, or promote a tag that has one (oc describe is {from.Stream} -n {from.Namespace} lists them).");
        if (string.IsNullOrEmpty(latest.Image))
        {
            throw new ImageRollException(IntegratedRegistryCodes.PromotionSourceNoImageId, FailureKind.BadInput,
                $"\"{from}\" refers to {latest.DockerImageReference} without an image ID (a reference tag): there is no digest to promote.",
                "Promote the digest itself: imageroll release --image REG/REPO@sha256:D --stream DESTINATION_STREAM:TAG.");
        }

        run.Promotion = new PlannedPromotion(from, latest, stream.SpecTag(from.Tag));
        var source = Pinned(latest);
        if (run.Services.SourceKube is null)
        {
            run.Image = source;
            run.PlannedDigestReference = source.ToString();
            return $"{from} holds {latest.Image} ({latest.DockerImageReference}); {run.StreamTag} is set to it as oc tag does";
        }

        var copyFrom = source;
        if (Host(stream.Status.DockerImageRepository) is { } internalHost && source.Registry == internalHost)
        {
            var hosts = await new IntegratedRegistryLocator(api).LocateAsync(from.Namespace!, from.Stream, cancellationToken).ConfigureAwait(false)
                ?? throw new ImageRollException(IntegratedRegistryCodes.NotFound, FailureKind.BadInput,
                    $"{from} is in the source cluster's integrated registry ({internalHost}), but that cluster names no host to pull it from.",
                    "Ask an admin of the source cluster to expose its registry (its default route).");
            var cluster = run.Services.SourceCluster ?? (api as KubeApiClient)?.Config
                ?? throw new ImageRollException(IntegratedRegistryCodes.NotATokenUser, FailureKind.BadInput,
                    "The source cluster's integrated registry takes its bearer token, but no source cluster credentials were given.", "Give the source context in the kubeconfig.");
            var host = hosts.PushHost(cluster.Source.StartsWith("in-cluster", StringComparison.Ordinal));
            copyFrom = ImageReference.Parse($"{host}/{source.Repository}@{latest.Image}");
            run.AddClusterLogin(cluster.Credentials, [host]);
        }

        run.Promotion = run.Promotion! with { CopyFrom = copyFrom };
        run.PlannedDigestReference = $"{run.Image.Registry}/{run.Image.Repository}@{latest.Image}";
        return $"{from} (source cluster) holds {latest.Image}; it is copied from {copyFrom} to {run.Image}";
    }

    /// <summary>The source event's image pinned by digest: its reference when that names the digest, else its repository @ the image ID.</summary>
    private static ImageReference Pinned(TagEvent latest)
    {
        var reference = ImageReference.Parse(latest.DockerImageReference ?? string.Empty);
        return reference.Digest == latest.Image ? reference : ImageReference.Parse($"{reference.Name}@{latest.Image}");
    }

    private static string? Host(string? repository) =>
        repository is { Length: > 0 } r && r.IndexOf('/', StringComparison.Ordinal) is var slash and > 0 ? r[..slash] : null;
}
