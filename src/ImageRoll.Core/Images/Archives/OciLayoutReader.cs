using ImageRoll.Images.Manifests;

namespace ImageRoll.Images.Archives;

/// <summary>
/// Reads an OCI image layout (image-spec image-layout.md): <c>oci-layout</c>, <c>index.json</c>, <c>blobs/ALG/HEX</c>.
/// index.json may name several images; one is chosen by <c>org.opencontainers.image.ref.name</c> (or containerd's
/// <c>io.containerd.image.name</c>, which Docker 25+ <c>docker save</c> writes with the full name), or is the only one.
/// An entry that is itself an index is a multi-platform image.
/// </summary>
internal static class OciLayoutReader
{
    public static async Task<IImageSource> OpenAsync(IFileStore store, ImageSourceKind kind, string? refName, CancellationToken ct)
    {
        if (!store.Exists("index.json"))
        {
            throw ArchiveErrors.NotAnArchive(store.Location, "it has no index.json (an OCI layout has oci-layout, index.json and blobs/)");
        }

        var indexBytes = await ArchiveImageSource.ReadSmallAsync(store, "index.json", ArchiveImageSource.MaxManifestBytes, ct).ConfigureAwait(false);
        ManifestDocument index;
        try
        {
            index = ManifestDocument.Parse(indexBytes, MediaTypes.OciIndex, $"index.json in {store.Location}");
        }
        catch (ImageRollException ex)
        {
            throw ArchiveErrors.BadMetadata(store.Location, "index.json", ex.Message);
        }

        var entries = index.Index?.Manifests ?? throw ArchiveErrors.BadMetadata(store.Location, "index.json", "it is not an image index");
        if (entries.Count == 0)
        {
            throw ArchiveErrors.Empty(store.Location);
        }

        static string? PathOf(string digest) => Digest.IsValid(digest) ? $"blobs/{Digest.Algorithm(digest)}/{Digest.Hex(digest)}" : null;

        Descriptor chosen;
        if (refName is not null)
        {
            chosen = entries.FirstOrDefault(d => NameMatches(d, refName))
                ?? throw ArchiveErrors.ChooseImage(store.Location, entries.Select(DisplayName).Distinct(), refName);
        }
        else if (entries.Select(d => d.Digest).Distinct().Count() == 1)
        {
            chosen = entries[0];
        }
        else if (entries.All(d => NameOf(d) is null && d.Platform is not null))
        {
            // index.json itself lists one image per platform, unnamed: it is the multi-platform index.
            return new ArchiveImageSource(store, kind, index, null, PathOf);
        }
        else
        {
            throw ArchiveErrors.ChooseImage(store.Location, entries.Select(DisplayName).Distinct(), null);
        }

        var bytes = await ArchiveImageSource.ReadVerifiedAsync(store, PathOf(chosen.Digest), chosen.Digest, "manifest", ct).ConfigureAwait(false);
        var root = ManifestDocument.Parse(bytes, chosen.MediaType, $"manifest {chosen.Digest} in {store.Location}");
        return new ArchiveImageSource(store, kind, root, NameOf(chosen), PathOf);
    }

    private static string? NameOf(Descriptor d) =>
        d.Annotation(MediaTypes.ContainerdImageNameAnnotation) ?? d.Annotation(MediaTypes.RefNameAnnotation);

    private static string DisplayName(Descriptor d) => NameOf(d) ?? d.Digest;

    private static bool NameMatches(Descriptor d, string wanted)
    {
        var refName = d.Annotation(MediaTypes.RefNameAnnotation);
        var fullName = d.Annotation(MediaTypes.ContainerdImageNameAnnotation);
        return wanted == refName || wanted == fullName || wanted == d.Digest || SameImage(fullName, wanted);
    }

    /// <summary><c>busybox:latest</c> and <c>docker.io/library/busybox:latest</c> name the same image.</summary>
    internal static bool SameImage(string? a, string? b) =>
        ImageReference.TryParse(a, out var ra) && ImageReference.TryParse(b, out var rb) && ra.ToString() == rb.ToString();
}
