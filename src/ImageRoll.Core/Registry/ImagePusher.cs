using ImageRoll.Images;
using ImageRoll.Images.Archives;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;

namespace ImageRoll.Registry;

/// <summary>
/// Pushes a local image (OCI layout directory, OCI archive, docker save tar) to REG/REPO under one or more tags:
/// blobs the registry has are skipped, the rest stream from disk (bounded concurrency), an index's children go
/// before the index. Returns the pushed digest reference <c>REG/REPO@sha256:...</c>.
/// </summary>
public sealed class ImagePusher(RegistrySession session)
{
    private readonly ILogger _log = (session.Options.LoggerFactory ?? NullLoggerFactory.Instance).CreateLogger("ImageRoll.Registry.Push");

    public Task<TransferResult> PushAsync(IImageSource source, ImageReference target, IReadOnlyList<string> extraTags, IProgress<TransferProgress>? progress, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(source);
        ArgumentNullException.ThrowIfNull(target);
        ArgumentNullException.ThrowIfNull(extraTags);
        if (target.Digest is not null)
        {
            throw new ImageRollException(RegistryErrors.BadPushTarget, FailureKind.BadInput,
                $"The push target {target} names a digest; a push is addressed by repository and tag.",
                "Pass --image REG/REPO:TAG; ImageRoll prints the digest reference once the push is done.");
        }

        var tags = new List<string> { target.Tag ?? "latest" };
        foreach (var tag in extraTags)
        {
            // ImageReference validates the tag grammar (IR2102) and names the bad tag.
            var checkedTag = target.WithTag(tag).Tag!;
            if (!tags.Contains(checkedTag, StringComparer.Ordinal))
            {
                tags.Add(checkedTag);
            }
        }

        var transfer = new ImageTransfer(session.For(target.Registry), target.Repository, _log, progress);
        return transfer.RunAsync(new ArchiveImageGraph(source), tags, cancellationToken);
    }
}
