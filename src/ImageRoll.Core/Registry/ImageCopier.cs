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
        var graph = new RegistryImageGraph(session.For(source.Registry), source.Repository, source.Digest ?? source.Tag ?? "latest");
        if (destination.Digest is not null)
        {
            // Knowable before anything is written: the digest of what would be copied (issue 12, class 6).
            var digest = source.Digest ?? (await graph.GetRootAsync(cancellationToken).ConfigureAwait(false)).Digest;
            if (!string.Equals(destination.Digest, digest, StringComparison.Ordinal))
            {
                throw new ImageRollException(RegistryErrors.DestinationDigest, FailureKind.BadInput,
                    $"The destination {destination} names digest {destination.Digest}, but {source} is {digest}: a copy keeps the digest, so it could never be that. Nothing was copied.",
                    $"Name the destination by tag ({destination.Name}:TAG), by repository only, or by the source's digest ({destination.Name}@{digest}).");
            }
        }

        var transfer = new ImageTransfer(session.For(destination.Registry), destination.Repository, _log, progress);
        return await transfer.RunAsync(graph, tag is null ? [] : [tag], cancellationToken).ConfigureAwait(false);
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
