using System.Buffers;
using System.Security.Cryptography;
using ImageRoll.Images.Manifests;

namespace ImageRoll.Images.Archives;

/// <summary>
/// The one <see cref="IImageSource"/> implementation: a root manifest plus a map from digest to a file of the
/// store (<c>blobs/ALG/HEX</c> in an OCI layout; the config and <c>layer.tar</c> paths of a docker save).
/// </summary>
internal sealed class ArchiveImageSource : IImageSource
{
    /// <summary>Registries refuse manifests over 4 MiB (distribution's default); so does ImageRoll.</summary>
    internal const int MaxManifestBytes = 4 << 20;

    private readonly IFileStore _store;
    private readonly Func<string, string?> _pathOf;

    public ArchiveImageSource(IFileStore store, ImageSourceKind kind, ManifestDocument root, string? selectedName, Func<string, string?> pathOf)
    {
        _store = store;
        _pathOf = pathOf;
        Kind = kind;
        RootManifest = root;
        SelectedName = selectedName;
        var what = kind switch
        {
            ImageSourceKind.OciLayout => "OCI layout",
            ImageSourceKind.OciArchive => "OCI archive",
            _ => "docker save archive",
        };
        Description = $"{what} {store.Location}" + (selectedName is null ? string.Empty : $" ({selectedName})");
    }

    public string Description { get; }

    public ImageSourceKind Kind { get; }

    public string? SelectedName { get; }

    public ManifestDocument RootManifest { get; }

    public async ValueTask<ManifestDocument> GetManifestAsync(string digest, CancellationToken ct)
    {
        Digest.Validate(digest, $"a manifest digest asked of {_store.Location}");
        var hint = RootManifest.Index?.Manifests.FirstOrDefault(m => m.Digest == digest)?.MediaType;
        var bytes = await ReadVerifiedAsync(_store, _pathOf(digest), digest, "manifest", ct).ConfigureAwait(false);
        return ManifestDocument.Parse(bytes, hint, $"manifest {digest} in {_store.Location}");
    }

    public ValueTask<Stream> OpenBlobAsync(Descriptor descriptor, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(descriptor);
        ct.ThrowIfCancellationRequested();
        Digest.Validate(descriptor.Digest, $"a blob asked of {_store.Location}");
        var path = _pathOf(descriptor.Digest);
        if (path is null || !_store.Exists(path))
        {
            throw ArchiveErrors.BlobMissing(_store.Location, descriptor.Digest, "blob");
        }

        var length = _store.Length(path);
        if (descriptor.Size >= 0 && length != descriptor.Size)
        {
            throw ArchiveErrors.SizeMismatch(_store.Location, descriptor.Digest, descriptor.Size, length);
        }

        return ValueTask.FromResult(_store.Open(path));
    }

    public async ValueTask VerifyBlobAsync(Descriptor descriptor, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(descriptor);
        if (Kind == ImageSourceKind.DockerArchive)
        {
            // The reader hashed every layer and the config when it opened the archive: their digests are their content's.
            return;
        }

        var stream = await OpenBlobAsync(descriptor, ct).ConfigureAwait(false);
        await using (stream.ConfigureAwait(false))
        {
            var algorithm = Digest.Algorithm(descriptor.Digest) == "sha512" ? HashAlgorithmName.SHA512 : HashAlgorithmName.SHA256;
            using var hash = IncrementalHash.CreateHash(algorithm);
            var buffer = ArrayPool<byte>.Shared.Rent(1 << 20);
            long length = 0;
            try
            {
                int read;
                while ((read = await stream.ReadAsync(buffer.AsMemory(0, 1 << 20), ct).ConfigureAwait(false)) > 0)
                {
                    hash.AppendData(buffer, 0, read);
                    length += read;
                }
            }
            finally
            {
                ArrayPool<byte>.Shared.Return(buffer);
            }

            if (descriptor.Size >= 0 && length != descriptor.Size)
            {
                throw ArchiveErrors.SizeMismatch(_store.Location, descriptor.Digest, descriptor.Size, length);
            }

            var actual = $"{Digest.Algorithm(descriptor.Digest)}:{Convert.ToHexString(hash.GetHashAndReset()).ToLowerInvariant()}";
            if (!string.Equals(actual, descriptor.Digest, StringComparison.Ordinal))
            {
                throw ArchiveErrors.DigestMismatch(_store.Location, $"blob {_pathOf(descriptor.Digest)}", descriptor.Digest, actual);
            }
        }
    }

    public ValueTask DisposeAsync()
    {
        _store.Dispose();
        return ValueTask.CompletedTask;
    }

    public override string ToString() => Description;

    /// <summary>Reads a small file (manifest, index, config) whole and checks its digest.</summary>
    internal static async Task<byte[]> ReadVerifiedAsync(IFileStore store, string? path, string digest, string what, CancellationToken ct)
    {
        if (path is null || !store.Exists(path))
        {
            throw ArchiveErrors.BlobMissing(store.Location, digest, what);
        }

        var bytes = await ReadSmallAsync(store, path, MaxManifestBytes * 16, ct).ConfigureAwait(false);
        if (!Digest.Matches(digest, bytes))
        {
            throw ArchiveErrors.DigestMismatch(store.Location, $"{what} {path}", digest, Digest.ComputeSha256(bytes));
        }

        return bytes;
    }

    internal static async Task<byte[]> ReadSmallAsync(IFileStore store, string path, int limit, CancellationToken ct)
    {
        var length = store.Length(path);
        if (length > limit)
        {
            throw ArchiveErrors.BadMetadata(store.Location, path, $"it is {length} bytes, more than the {limit} allowed for metadata");
        }

        var bytes = new byte[length];
        var stream = store.Open(path);
        await using (stream.ConfigureAwait(false))
        {
            await stream.ReadExactlyAsync(bytes, ct).ConfigureAwait(false);
        }

        return bytes;
    }
}
