using ImageRoll.Images.Manifests;
using ImageRoll.Registry;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;

namespace ImageRoll.OpenShift.ImageStreams;

/// <summary>
/// What a <c>Legacy</c> import keeps of a multi-arch index: one platform's manifest, linux/amd64 on the clusters
/// ImageRoll targets (openshift/library-go pkg/image/registryclient manifest selection; the stream then holds the
/// child's digest, not the index's). Used by <c>imageroll tag</c> and the release's tag step to know which digest
/// the stream must end up with (<see cref="TagOptions.ExpectedImage"/>).
/// </summary>
public static class LegacyImportImage
{
    public const string Os = "linux";
    public const string Architecture = "amd64";

    /// <summary>The linux/amd64 child's digest of an index; null for a single manifest or an index without that platform.</summary>
    public static string? PlatformChild(ManifestDocument manifest)
    {
        ArgumentNullException.ThrowIfNull(manifest);
        return manifest.Index?.Manifests.FirstOrDefault(m => m.Platform is { Os: Os, Architecture: Architecture })?.Digest;
    }

    /// <summary>
    /// The digest a Legacy import of <paramref name="source"/> keeps when it differs from the source's: read the
    /// manifest from the registry and pick the linux/amd64 child of an index. Best effort: when the registry cannot
    /// be read from here (credentials, network), null, and the import wait accepts the single manifest the import
    /// keeps, with a warning. Cancellation still propagates.
    /// </summary>
    public static async Task<string?> ExpectedImageAsync(RegistrySession session, DigestPullSpec source, ILogger? logger, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(session);
        ArgumentNullException.ThrowIfNull(source);
        logger ??= NullLogger.Instance;
        try
        {
            var manifest = await session.For(source.Registry).GetManifestAsync(source.Repository, source.Digest, cancellationToken).ConfigureAwait(false);
            if (!Images.MediaTypes.IsIndex(manifest.MediaType))
            {
                return null;
            }

            var child = PlatformChild(ManifestDocument.Parse(manifest.Bytes, manifest.MediaType, $"manifest of {source}"));
            if (child is not null)
            {
                logger.LogInformation(
                    "{Source} is a multi-arch index: with --import-mode Legacy the stream keeps its {Os}/{Architecture} image {Child} (use --import-mode PreserveOriginal to keep the index).",
                    source, Os, Architecture, child);
            }

            return child;
        }
        catch (ImageRollException ex)
        {
            logger.LogDebug("Could not read {Source}'s manifest ({Message}); accepting whatever single image the import keeps.", source, ex.Message);
            return null;
        }
    }
}
