namespace ImageRoll.Registry;

/// <summary>
/// An image as a graph to transfer: a root manifest (image manifest or index), child manifests by digest, and blobs
/// opened as streams (re-openable: an interrupted upload opens its source again).
/// </summary>
internal interface IImageGraph
{
    /// <summary>Where the image comes from, for messages.</summary>
    string Description { get; }

    /// <summary>A repository on the destination's registry that has the blobs (for cross-repository mount), or null.</summary>
    string? MountFrom(RegistryClient destination);

    Task<RegistryManifest> GetRootAsync(CancellationToken cancellationToken);

    Task<RegistryManifest> GetManifestAsync(BlobRef descriptor, CancellationToken cancellationToken);

    Task<Stream> OpenBlobAsync(BlobRef blob, CancellationToken cancellationToken);

    /// <summary>
    /// Checks every blob's size and digest where that can be done before anything is written (a local archive: all
    /// of them, streaming). A registry source needs none: the destination checks what it receives against the digest.
    /// </summary>
    Task VerifyBlobsAsync(IReadOnlyCollection<BlobRef> blobs, CancellationToken cancellationToken) => Task.CompletedTask;
}
