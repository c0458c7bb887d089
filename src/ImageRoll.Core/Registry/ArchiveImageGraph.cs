using ImageRoll.Images.Archives;
using ImageRoll.Images.Manifests;

namespace ImageRoll.Registry;

/// <summary>A local image (OCI layout, OCI archive, docker save) as the source of a push: blobs stream from disk.</summary>
internal sealed class ArchiveImageGraph(IImageSource source) : IImageGraph
{
    public string Description => source.Description;

    public string? MountFrom(RegistryClient destination) => null;

    public Task<RegistryManifest> GetRootAsync(CancellationToken cancellationToken) =>
        Task.FromResult(ToRegistryManifest(source.RootManifest));

    public async Task<RegistryManifest> GetManifestAsync(BlobRef descriptor, CancellationToken cancellationToken) =>
        ToRegistryManifest(await source.GetManifestAsync(descriptor.Digest, cancellationToken).ConfigureAwait(false));

    public async Task<Stream> OpenBlobAsync(BlobRef blob, CancellationToken cancellationToken) =>
        await source.OpenBlobAsync(new Descriptor { Digest = blob.Digest, Size = blob.Size, MediaType = blob.MediaType }, cancellationToken).ConfigureAwait(false);

    /// <summary>Every blob read and hashed, a few at a time, before the first upload (issue 12, class 7).</summary>
    public async Task VerifyBlobsAsync(IReadOnlyCollection<BlobRef> blobs, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(blobs);
        await Parallel.ForEachAsync(
            blobs,
            new ParallelOptions { MaxDegreeOfParallelism = Math.Max(1, Environment.ProcessorCount), CancellationToken = cancellationToken },
            async (blob, ct) => await source.VerifyBlobAsync(new Descriptor { Digest = blob.Digest, Size = blob.Size, MediaType = blob.MediaType }, ct).ConfigureAwait(false)).ConfigureAwait(false);
    }

    private static RegistryManifest ToRegistryManifest(ManifestDocument document) => new(document.Bytes, document.MediaType, document.Digest);
}
