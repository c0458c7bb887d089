namespace ImageRoll.Registry;

/// <summary>An image in a registry repository, by tag or digest, as the source of a copy.</summary>
internal sealed class RegistryImageGraph(RegistryClient client, string repository, string reference) : IImageGraph
{
    public string Description => $"{client.ReferenceHost}/{repository}{(ContentDigest.IsDigest(reference) ? "@" : ":")}{reference}";

    /// <summary>Same registry host: blobs can be mounted instead of copied through this machine.</summary>
    public string? MountFrom(RegistryClient destination) =>
        string.Equals(destination.Host, client.Host, StringComparison.OrdinalIgnoreCase) ? repository : null;

    private Task<RegistryManifest>? _root;

    /// <summary>The root manifest, read once (a copy checks its digest before it writes anything, then transfers it).</summary>
    public Task<RegistryManifest> GetRootAsync(CancellationToken cancellationToken)
    {
        if (_root is null || _root.IsFaulted || _root.IsCanceled)
        {
            _root = client.GetManifestAsync(repository, reference, cancellationToken);
        }

        return _root;
    }

    public Task<RegistryManifest> GetManifestAsync(BlobRef descriptor, CancellationToken cancellationToken) =>
        client.GetManifestAsync(repository, descriptor.Digest, cancellationToken);

    public Task<Stream> OpenBlobAsync(BlobRef blob, CancellationToken cancellationToken) =>
        client.OpenBlobAsync(repository, blob.Digest, cancellationToken);
}
