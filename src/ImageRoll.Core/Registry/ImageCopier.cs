using ImageRoll.Images;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;

namespace ImageRoll.Registry;

/// <summary>
/// Registry-to-registry copy by tag or digest, multi-arch indexes with all their children: blobs are mounted within
/// one registry and streamed (GET piped into the upload, never held whole in memory) between registries.
/// </summary>
public sealed class ImageCopier(RegistrySession session)
{
    private readonly ILogger _log = (session.Options.LoggerFactory ?? NullLoggerFactory.Instance).CreateLogger("ImageRoll.Registry.Copy");

    /// <summary>
    /// Copies SOURCE (by tag, digest, or <c>latest</c>) to DESTINATION. The destination tag is its own, else the
    /// source's; a source by digest and a destination without tag is copied by digest only. A destination digest
    /// must be the digest copied.
    /// </summary>
    public async Task<TransferResult> CopyAsync(ImageReference source, ImageReference destination, IProgress<TransferProgress>? progress, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(source);
        ArgumentNullException.ThrowIfNull(destination);
        var tag = destination.Tag ?? (destination.Digest is null ? source.Tag ?? (source.Digest is null ? "latest" : null) : null);
        var result = await CopyAsync(
            (source.Registry, source.Repository, source.Digest ?? source.Tag ?? "latest"),
            (destination.Registry, destination.Repository),
            tag is null ? [] : [tag],
            progress,
            cancellationToken).ConfigureAwait(false);
        if (destination.Digest is not null && !string.Equals(destination.Digest, result.Digest, StringComparison.Ordinal))
        {
            throw new ImageRollException(RegistryErrors.DigestMismatch, FailureKind.OperationFailed,
                $"Copied {source} to {destination.Name}@{result.Digest}, not the digest {destination.Digest} the destination named.",
                "Name the destination by tag, or by the source's digest.");
        }

        return result;
    }

    /// <summary>
    /// Copies REGISTRY/REPOSITORY:REFERENCE to the destination repository under the given tags (none: by digest only).
    /// Returns the destination digest reference.
    /// </summary>
    public Task<TransferResult> CopyAsync(
        (string Registry, string Repository, string Reference) source,
        (string Registry, string Repository) destination,
        IReadOnlyList<string> tags,
        IProgress<TransferProgress>? progress,
        CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(tags);
        var graph = new RegistryImageGraph(session.For(source.Registry), source.Repository, source.Reference);
        var transfer = new ImageTransfer(session.For(destination.Registry), destination.Repository, _log, progress);
        return transfer.RunAsync(graph, tags, cancellationToken);
    }
}
