using ImageRoll.Kubernetes;
using ImageRoll.OpenShift.ImageStreams;
using ImageRoll.OpenShift.Models;
using Microsoft.Extensions.Logging;

namespace ImageRoll.Rollouts;

/// <summary>
/// Points an image stream tag back at the image the workload is rolled back to, through the tagging API
/// (<see cref="ImageStreamTagger"/>, oc tag's requests), keeping the tag's import and reference policies. Done
/// BEFORE the workload is rolled back: a trigger still pointing at the bad image would put it right back
/// (a manual edit of a triggered image is put back to the tag's value: openshift-controller-manager
/// pkg/image/trigger/annotations/annotations.go <c>Index</c> re-queues on library-go <c>ContainerImageChanged</c>, and
/// library-go pkg/image/trigger/annotations.go <c>UpdateObjectFromImages</c> writes the tag's value).
/// </summary>
internal sealed class StreamTagRepointer(IKubeApi api, ILogger logger)
{
    public async Task<TagResult> RepointAsync(StreamTagRef tag, IEnumerable<string> previousImages, string? badValue, CancellationToken cancellationToken)
    {
        var ns = tag.Namespace ?? api.DefaultNamespace;
        var stream = await api.GetAsync<ImageStream>(ResourceKind.ImageStreams, ns, tag.Stream, cancellationToken).ConfigureAwait(false);
        var history = stream.Status.Tags.FirstOrDefault(t => t.Tag == tag.Tag)?.Items ?? [];
        var wanted = previousImages.Select(Digest).Where(d => d is not null).ToHashSet(StringComparer.Ordinal);
        var bad = Digest(badValue);

        // The tag's history (newest first) holds the earlier import: prefer the entry for the exact image the
        // previous revision runs, else the newest entry that is not the bad image.
        var item = history.FirstOrDefault(i => i.Image is not null && wanted.Contains(i.Image))
                   ?? history.FirstOrDefault(i => i.Image is not null && i.Image != bad && i.DockerImageReference is not null)
                   ?? throw new ImageRollException(RolloutCodes.NoEarlierStreamImage, FailureKind.RolloutFailed,
                       $"The image stream tag {tag} has no earlier image to point back at (history: {history.Count} entries).",
                       "Tag the last good image yourself (imageroll tag / oc tag), then roll back.");

        var spec = stream.Spec.Tags.FirstOrDefault(t => t.Name == tag.Tag);
        var options = new TagOptions(DigestPullSpec.Parse(item.DockerImageReference!), tag with { Namespace = ns })
        {
            Insecure = spec?.ImportPolicy?.Insecure == true,
            ImportMode = spec?.ImportPolicy?.ImportMode ?? "Legacy",
            ReferencePolicy = spec?.ReferencePolicy?.Type ?? "Source",
            ExpectedImage = item.Image,
        };
        logger.LogInformation("Pointing {Tag} back at {Image} before rolling back.", tag, item.DockerImageReference);
        return await new ImageStreamTagger(api, logger).TagAsync(options, cancellationToken).ConfigureAwait(false);
    }

    private static string? Digest(string? reference) =>
        reference is not null && reference.LastIndexOf('@') is var at and >= 0 ? reference[(at + 1)..] : null;
}
