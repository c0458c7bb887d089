using ImageRoll.OpenShift.ImageStreams;
using ImageRoll.Registry;
using Microsoft.Extensions.Logging;

namespace ImageRoll.Release;

/// <summary>
/// The tag step: <see cref="ImageStreamTagger"/> (oc tag --source=docker's requests, then the import wait, bounded by
/// the time left). <c>importPolicy.insecure</c> follows the ONE host matcher, <see cref="RegistryHostPolicy"/>, over
/// the registry options' insecure hosts (docs/registry.md). For a Legacy import of an index the stream must end up
/// with the linux/amd64 child (<see cref="LegacyImportImage"/>), known from the archive when it was pushed from one.
/// </summary>
internal static class ReleaseTagStep
{
    public static async Task<(TagResult Result, string Summary)> RunAsync(ReleaseRun run, CancellationToken cancellationToken)
    {
        var o = run.Options;
        var source = DigestPullSpec.Parse(run.DigestReference!);
        var session = run.Registry;
        var logger = run.Services.LoggerFactory.CreateLogger("ImageRoll.Tag");
        if (run.ToClusterRegistry)
        {
            // The integrated registry mapped the pushed tag into the stream itself (an ImageStreamMapping): only the
            // wait for the stream's status to carry the digest remains.
            var pushed = await new ImportWaiter(run.Kube, logger)
                .WaitAsync(new TagOptions(source, run.StreamTag!) { Timeout = run.Remaining }, TagMethod.IntegratedRegistry, minGeneration: 0, cancellationToken)
                .ConfigureAwait(false);
            run.Observer.Tagged(pushed);
            return (pushed, $"the push set {pushed.Namespace}/{pushed.Stream}:{pushed.Tag} to {pushed.Image}; triggers write {pushed.ResolvedPullSpec}");
        }

        if (run.Promotion is { } promotion)
        {
            // oc tag SRC_STREAM:TAG DST_STREAM:TAG: the source's image as an ImageStreamImage; the destination keeps the
            // source tag's reference and import policies unless the promotion says otherwise (oc itself would take
            // its own flags' defaults).
            var promoted = await new ImageStreamTagger(run.Kube, logger).TagAsync(new TagOptions(source, run.StreamTag!)
            {
                FromStream = promotion.StreamImage,
                ReferencePolicy = (o.Source as PromotionSource)?.ReferencePolicy ?? promotion.SpecTag?.ReferencePolicy?.Type ?? "Source",
                ImportMode = (o.Source as PromotionSource)?.ImportMode ?? promotion.SpecTag?.ImportPolicy?.ImportMode ?? "Legacy",
                CreateStream = true,
                ExpectedImage = promotion.Image,
                Timeout = run.Remaining,
            }, cancellationToken).ConfigureAwait(false);
            run.Observer.Tagged(promoted);
            return (promoted, $"{promoted.Namespace}/{promoted.Stream}:{promoted.Tag} holds {promoted.Image} ({promoted.Method}, from {promotion.StreamImage}); triggers write {promoted.ResolvedPullSpec}");
        }

        string? expected = null;
        if (o.ImportMode == "Legacy")
        {
            var (os, arch) = run.ImportPreference;
            expected = run.Archive is { } archive && archive.RootManifest.Digest == source.Digest
                ? LegacyImportImage.PlatformChild(archive.RootManifest, os, arch)
                : await LegacyImportImage.ExpectedImageAsync(session, source, logger, cancellationToken, os, arch).ConfigureAwait(false);
            if (expected is not null)
            {
                run.Warn(ReleaseErrors.LegacyImportWarning,
                    $"{source} is a multi-arch index: the Legacy import keeps one platform's image, {expected} (import mode PreserveOriginal keeps the index).");
            }
        }

        var options = new TagOptions(source, run.StreamTag!)
        {
            ReferencePolicy = o.ReferencePolicy,
            ImportMode = o.ImportMode,
            Insecure = RegistryHostPolicy.For(source.Registry, session.Options).Insecure,
            CreateStream = o.CreateStream,
            ExpectedImage = expected,
            Timeout = run.Remaining,
        };
        var result = await new ImageStreamTagger(run.Kube, logger).TagAsync(options, cancellationToken).ConfigureAwait(false);
        if (result.Warning is not null)
        {
            run.Warn(ReleaseErrors.LegacyImportWarning, result.Warning);
        }

        run.Observer.Tagged(result);
        return (result, $"{result.Namespace}/{result.Stream}:{result.Tag} holds {result.Image} ({result.Method}); triggers write {result.ResolvedPullSpec}");
    }
}
