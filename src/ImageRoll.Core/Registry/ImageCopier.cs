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
