using ImageRoll.Images.Manifests;

namespace ImageRoll.Images.Archives;

/// <summary>
/// An image on local disk (OCI layout directory, OCI archive tar, <c>docker save</c> tar) read without extracting
/// it: the root manifest is in memory, every blob is opened as a stream on demand, so a 1 GiB layer is never held in
/// memory. Streams from one source may be read concurrently. Open one with <see cref="ImageSourceFactory"/>.
/// </summary>
public interface IImageSource : IAsyncDisposable
{
    /// <summary>For messages: the kind and path, e.g. <c>OCI archive /tmp/app.tar (ref latest)</c>.</summary>
    string Description { get; }

    ImageSourceKind Kind { get; }

    /// <summary>The name the image had in the archive (<c>org.opencontainers.image.ref.name</c> or a RepoTag), if any.</summary>
    string? SelectedName { get; }

    /// <summary>The image's manifest, or its index for a multi-platform image; for <c>docker save</c> a synthesised OCI manifest.</summary>
    ManifestDocument RootManifest { get; }

    /// <summary>A child manifest of the root index, by digest (its bytes are checked against the digest). IR2144 when missing.</summary>
    ValueTask<ManifestDocument> GetManifestAsync(string digest, CancellationToken ct);

    /// <summary>
    /// A read stream over the blob's exact bytes (config or layer). The caller disposes it. IR2144 when the archive
    /// does not hold the blob, IR2146 when its size differs from <see cref="Descriptor.Size"/>.
    /// </summary>
    ValueTask<Stream> OpenBlobAsync(Descriptor descriptor, CancellationToken ct);

    /// <summary>
    /// Reads the blob once, streaming, and checks its size and digest against the descriptor (IR2144, IR2146,
    /// IR2147): a push calls it for every blob before its first upload, so a corrupt archive uploads nothing.
    /// </summary>
    ValueTask VerifyBlobAsync(Descriptor descriptor, CancellationToken ct);
}
