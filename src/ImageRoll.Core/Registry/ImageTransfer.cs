using Microsoft.Extensions.Logging;

namespace ImageRoll.Registry;

/// <summary>
/// Moves an image graph into one repository: blobs first (skipped when present, mounted when the source is on the
/// same registry, otherwise streamed, at most <see cref="RegistryClientOptions.MaxConcurrentBlobs"/> at once), then
/// each child manifest of an index by digest, then the root under each tag. A registry accepts a manifest only
/// when everything it references is already there, so this order is required, not a preference.
/// </summary>
internal sealed class ImageTransfer(RegistryClient destination, string repository, ILogger logger, IProgress<TransferProgress>? progress)
{
    private int _done;
    private int _uploaded;
    private int _skipped;
    private int _mounted;
    private long _bytes;

    public async Task<TransferResult> RunAsync(IImageGraph source, IReadOnlyList<string> tags, CancellationToken cancellationToken)
    {
        var root = await source.GetRootAsync(cancellationToken).ConfigureAwait(false);
        var rootRefs = ManifestReferences.Read(root.Bytes, root.MediaType, source.Description);
        var blobs = new Dictionary<string, BlobRef>(StringComparer.Ordinal);
        var children = new List<RegistryManifest>();
        foreach (var child in rootRefs.Children)
        {
            var manifest = await source.GetManifestAsync(child, cancellationToken).ConfigureAwait(false);
            if (!string.Equals(manifest.Digest, child.Digest, StringComparison.Ordinal))
            {
                throw new ImageRollException(RegistryErrors.DigestMismatch, FailureKind.OperationFailed,
                    $"The index of {source.Description} lists {child.Digest}, but that manifest's bytes hash to {manifest.Digest}.",
                    "The image is corrupt; rebuild or re-export it.");
            }

            children.Add(manifest);
            foreach (var blob in ManifestReferences.Read(manifest.Bytes, manifest.MediaType, $"{source.Description}@{child.Digest}").Blobs)
            {
                blobs.TryAdd(blob.Digest, blob);
            }
        }

        foreach (var blob in rootRefs.Blobs)
        {
            blobs.TryAdd(blob.Digest, blob);
        }

        // Everything that can be checked locally is checked before the first write: a corrupt archive uploads nothing.
        await source.VerifyBlobsAsync(blobs.Values, cancellationToken).ConfigureAwait(false);
        logger.LogInformation("Transferring {Source} to {Registry}/{Repository}: {Blobs} blobs, {Children} child manifests",
            source.Description, destination.Host, repository, blobs.Count, children.Count);
        await TransferBlobsAsync(source, blobs.Values.ToList(), cancellationToken).ConfigureAwait(false);

        foreach (var child in children)
        {
            await destination.PutManifestAsync(repository, child.Digest, child.Bytes, child.MediaType, cancellationToken).ConfigureAwait(false);
        }

        var written = new List<string>();
        var digest = root.Digest;
        foreach (var reference in tags.Count == 0 ? [root.Digest] : tags)
        {
            digest = await destination.PutManifestAsync(repository, reference, root.Bytes, root.MediaType, cancellationToken).ConfigureAwait(false);
            if (!ContentDigest.IsDigest(reference))
            {
                written.Add(reference);
            }
        }

        var digestReference = $"{destination.ReferenceHost}/{repository}@{digest}";
        logger.LogInformation("Pushed {Reference} ({Uploaded} uploaded, {Skipped} already present, {Mounted} mounted)", digestReference, _uploaded, _skipped, _mounted);
        return new TransferResult(digestReference, digest, root.MediaType, written, _uploaded, _skipped, _mounted, _bytes, children.Count);
    }

    private async Task TransferBlobsAsync(IImageGraph source, List<BlobRef> blobs, CancellationToken cancellationToken)
    {
        using var gate = new SemaphoreSlim(Math.Max(1, destination.Options.MaxConcurrentBlobs));
        using var failFast = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        var mountFrom = source.MountFrom(destination);
        var tasks = blobs.Select(async blob =>
        {
            await gate.WaitAsync(failFast.Token).ConfigureAwait(false);
            try
            {
                var outcome = await TransferBlobAsync(source, blob, mountFrom, failFast.Token).ConfigureAwait(false);
                Report(blob, outcome, blobs.Count);
            }
            catch
            {
                await failFast.CancelAsync().ConfigureAwait(false);
                throw;
            }
            finally
            {
                gate.Release();
            }
        }).ToList();
        try
        {
            await Task.WhenAll(tasks).ConfigureAwait(false);
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            // A sibling failed and cancelled the rest: surface that failure, not the cancellations it caused.
            var first = tasks.FirstOrDefault(t => t.IsFaulted && t.Exception?.InnerException is not OperationCanceledException);
            if (first?.Exception?.InnerException is { } cause)
            {
                System.Runtime.ExceptionServices.ExceptionDispatchInfo.Throw(cause);
            }

            throw;
        }
    }

    private async Task<BlobTransfer> TransferBlobAsync(IImageGraph source, BlobRef blob, string? mountFrom, CancellationToken cancellationToken)
    {
        if (mountFrom is not null
            && await destination.TryMountBlobAsync(repository, blob.Digest, mountFrom, cancellationToken).ConfigureAwait(false))
        {
            return string.Equals(mountFrom, repository, StringComparison.Ordinal) ? BlobTransfer.Skipped : BlobTransfer.Mounted;
        }

        if (mountFrom is null && await destination.BlobExistsAsync(repository, blob.Digest, cancellationToken).ConfigureAwait(false))
        {
            return BlobTransfer.Skipped;
        }

        await destination.UploadBlobAsync(repository, blob.Digest, blob.Size, ct => source.OpenBlobAsync(blob, ct), cancellationToken).ConfigureAwait(false);
        return BlobTransfer.Uploaded;
    }

    private void Report(BlobRef blob, BlobTransfer outcome, int total)
    {
        var done = Interlocked.Increment(ref _done);
        var bytes = outcome == BlobTransfer.Uploaded ? Interlocked.Add(ref _bytes, blob.Size) : Interlocked.Read(ref _bytes);
        _ = outcome switch
        {
            BlobTransfer.Uploaded => Interlocked.Increment(ref _uploaded),
            BlobTransfer.Skipped => Interlocked.Increment(ref _skipped),
            _ => Interlocked.Increment(ref _mounted),
        };
        logger.LogDebug("Blob {Digest} ({Size} bytes): {Outcome} [{Done}/{Total}]", blob.Digest, blob.Size, outcome, done, total);
        progress?.Report(new TransferProgress(blob, outcome, done, total, bytes));
    }
}
