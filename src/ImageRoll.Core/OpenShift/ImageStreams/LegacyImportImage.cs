using ImageRoll.Images.Manifests;
using ImageRoll.OpenShift.Models;
using ImageRoll.Registry;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;

namespace ImageRoll.OpenShift.ImageStreams;

/// <summary>
/// What a <c>Legacy</c> import keeps of a multi-arch index: one platform's manifest. openshift-apiserver
/// pkg/image/apiserver/importer/importer.go (manifestFromManifestList) picks the spec tag's
/// <c>importer.image.openshift.io/prefer-os</c>/<c>prefer-arch</c> annotations, else its own runtime platform
/// (linux/amd64 on the clusters ImageRoll targets), then linux/amd64, then the first entry. Used by
/// <c>imageroll tag</c> and the release's tag step to know which digest the stream must end up with
/// (<see cref="TagOptions.ExpectedImage"/>); null leaves the wait accepting whatever single manifest lands, with a warning.
/// </summary>
public static class LegacyImportImage
{
    public const string Os = "linux";
    public const string Architecture = "amd64";

    /// <summary>The spec tag annotation naming the architecture a Legacy import prefers (openshift/api image/v1 ImporterPreferArchAnnotation).</summary>
    public const string PreferArchAnnotation = "importer.image.openshift.io/prefer-arch";

    /// <summary>The spec tag annotation naming the OS a Legacy import prefers (ImporterPreferOSAnnotation).</summary>
    public const string PreferOsAnnotation = "importer.image.openshift.io/prefer-os";

    /// <summary>
    /// The child's digest a Legacy import keeps of an index: the preferred platform's (default linux/amd64), else
    /// linux/amd64's; null for a single manifest or an index with neither.
    /// </summary>
    public static string? PlatformChild(ManifestDocument manifest, string? preferOs = null, string? preferArch = null) =>
        Child(manifest, preferOs, preferArch)?.Digest;

    /// <summary>The preferred OS and architecture a stream's spec tag asks a Legacy import for, when it does.</summary>
    public static (string? Os, string? Architecture) Preference(ImageStream? stream, string tag)
    {
        var annotations = stream?.SpecTag(tag)?.Annotations;
        return (annotations?.GetValueOrDefault(PreferOsAnnotation), annotations?.GetValueOrDefault(PreferArchAnnotation));
    }

    /// <summary>How long the best-effort look at the source image may take before tagging goes ahead without it.</summary>
    public static readonly TimeSpan CheckBound = TimeSpan.FromSeconds(20);

    /// <summary>
    /// The digest a Legacy import of <paramref name="source"/> keeps when it differs from the source's: the child of
    /// an index as <see cref="PlatformChild"/> picks it (null for a single manifest). Checks the image exists first
    /// (<see cref="CheckSourceAsync"/>): a 404 stops here; a registry that cannot be read from here gives null, and
    /// the import wait accepts the single manifest the import keeps, with a warning.
    /// </summary>
    public static async Task<string?> ExpectedImageAsync(
        RegistrySession session, DigestPullSpec source, ILogger? logger, CancellationToken cancellationToken, string? preferOs = null, string? preferArch = null)
    {
        logger ??= NullLogger.Instance;
        var manifest = await CheckSourceAsync(session, source, logger, cancellationToken).ConfigureAwait(false);
        if (manifest is null || !Images.MediaTypes.IsIndex(manifest.MediaType))
        {
            return null;
        }

        var child = Child(manifest, preferOs, preferArch);
        if (child is not null)
        {
            logger.LogInformation(
                "{Source} is a multi-arch index: with --import-mode Legacy the stream keeps its {Platform} image {Child} (use --import-mode PreserveOriginal to keep the index).",
                source, child.Platform?.ToString(), child.Digest);
        }

        return child?.Digest;
    }

    private static Descriptor? Child(ManifestDocument manifest, string? preferOs, string? preferArch)
    {
        ArgumentNullException.ThrowIfNull(manifest);
        var entries = manifest.Index?.Manifests ?? [];
        var os = string.IsNullOrEmpty(preferOs) ? Os : preferOs;
        var arch = string.IsNullOrEmpty(preferArch) ? Architecture : preferArch;
        return entries.FirstOrDefault(m => m.Platform?.Os == os && m.Platform.Architecture == arch)
               ?? entries.FirstOrDefault(m => m.Platform is { Os: Os, Architecture: Architecture });
    }

    /// <summary>
    /// Before anything is written, reads the source's manifest from the registry (issue 12, class 6). The registry
    /// answering 404 is IR1004, exit 3: tagging would only leave a failed import. Best effort otherwise: when the
    /// registry cannot be asked from here (network, credentials, TLS, more than <see cref="CheckBound"/>), null and a
    /// warning, and the tag goes ahead, since the cluster may reach a registry this machine cannot; the import wait
    /// then reports a missing image itself. The command's own cancellation still propagates.
    /// </summary>
    public static async Task<ManifestDocument?> CheckSourceAsync(RegistrySession session, DigestPullSpec source, ILogger? logger, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(session);
        ArgumentNullException.ThrowIfNull(source);
        logger ??= NullLogger.Instance;
        using var bound = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        bound.CancelAfter(CheckBound);
        try
        {
            var manifest = await session.For(source.Registry).GetManifestAsync(source.Repository, source.Digest, bound.Token).ConfigureAwait(false);
            return ManifestDocument.Parse(manifest.Bytes, manifest.MediaType, $"manifest of {source}");
        }
        catch (ImageRollException ex) when (ex.Code == RegistryErrors.ManifestNotFound)
        {
            throw new ImageRollException(ex.Code, FailureKind.OperationFailed,
                $"{ex.Message} Nothing was tagged: the cluster's import would fail the same way.",
                $"Check the digest (imageroll resolve {source.Registry}/{source.Repository}:TAG prints the one a tag names), or push the image first.", ex);
        }
        catch (ImageRollException ex)
        {
            logger.LogWarning("Could not check from here that {Registry} has {Source} ({Message}); tagging anyway: the cluster's import reports a missing image.", source.Registry, source, ex.Message);
            return null;
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            logger.LogWarning("Could not check from here within {Seconds}s that {Registry} has {Source}; tagging anyway: the cluster's import reports a missing image.", CheckBound.TotalSeconds, source.Registry, source);
            return null;
        }
    }
}
