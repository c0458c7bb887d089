namespace ImageRoll.Registry;

/// <summary>An image in a registry repository, by tag or digest, as the source of a copy.</summary>
internal sealed class RegistryImageGraph(RegistryClient client, string repository, string reference) : IImageGraph
{
    public string Description => $"{client.ReferenceHost}/{repository}{(ContentDigest.IsDigest(reference) ? "@" : ":")}{reference}";

    /// <summary>Same registry host: blobs can be mounted instead of copied through this machine.</summary>
    public string? MountFrom(RegistryClient destination) =>
        string.Equals(destination.Host, client.Host, StringComparison.OrdinalIgnoreCase) ? repository : null;

    public Task<RegistryManifest> GetRootAsync(CancellationToken cancellationToken) =>
        client.GetManifestAsync(repository, reference, cancellationToken);

    public Task<RegistryManifest> GetManifestAsync(BlobRef descriptor, CancellationToken cancellationToken) =>
        client.GetManifestAsync(repository, descriptor.Digest, cancellationToken);

    public Task<Stream> OpenBlobAsync(BlobRef blob, CancellationToken cancellationToken) =>
        client.OpenBlobAsync(repository, blob.Digest, cancellationToken);
}
