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
    /// <summary>
    /// index.json with every entry's <c>platform</c> that names no os or architecture left out. The .NET SDK's
    /// PublishContainer writing an archive (ContainerArchiveOutputPath; seen with SDK 10.0.401) gives its one entry
    /// <c>"platform": {}</c> (dotnet/sdk src/Containers/Microsoft.NET.Build.Containers DockerCli.WriteIndexJsonForOciImage
    /// passes ImageIndexGenerator.GenerateImageIndexWithAnnotations a platform whose fields are null, which it writes
    /// without them), where image-spec descriptor.md makes both REQUIRED in a platform. Such a platform says nothing,
    /// so it is read as none; a rewritten index.json is never the pushed root (that takes every entry with a platform).
    /// </summary>
    internal static byte[] WithoutEmptyPlatforms(byte[] indexJson)
    {
        System.Text.Json.Nodes.JsonNode? root;
        try
        {
            root = System.Text.Json.Nodes.JsonNode.Parse(indexJson);
        }
        catch (System.Text.Json.JsonException)
        {
            return indexJson; // the parser below names what is wrong
        }

        var changed = false;
        foreach (var entry in (root?["manifests"] as System.Text.Json.Nodes.JsonArray ?? []).OfType<System.Text.Json.Nodes.JsonObject>())
        {
            if (entry["platform"] is System.Text.Json.Nodes.JsonObject platform && (platform["os"] is null || platform["architecture"] is null))
            {
                entry.Remove("platform");
                changed = true;
            }
        }

        return changed ? System.Text.Encoding.UTF8.GetBytes(root!.ToJsonString()) : indexJson;
    }

    public static async Task<IImageSource> OpenAsync(IFileStore store, ImageSourceKind kind, string? refName, CancellationToken ct)
    {
        if (!store.Exists("index.json"))
        {
            throw ArchiveErrors.NotAnArchive(store.Location, "it has no index.json (an OCI layout has oci-layout, index.json and blobs/)");
        }

        var indexBytes = WithoutEmptyPlatforms(await ArchiveImageSource.ReadSmallAsync(store, "index.json", ArchiveImageSource.MaxManifestBytes, ct).ConfigureAwait(false));
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
        if (root.Index is { } rootIndex && PresentOnly(store, rootIndex, PathOf) is { } present)
        {
            root = present;
        }

        return new ArchiveImageSource(store, kind, root, NameOf(chosen), PathOf);
    }

    /// <summary>
    /// Docker 25+ with the containerd image store saves a pulled image's whole index but only the local platform's
    /// content (docker/cli and moby daemon/containerd/image_exporter.go export what the content store holds). When
    /// some platforms' manifests are absent, the image that can be pushed is what is present: the one platform
    /// manifest itself (its digest is the one a node pulls), or, if several remain, a new index of those.
    /// Returns null when every child is present.
    /// </summary>
    private static ManifestDocument? PresentOnly(IFileStore store, ImageIndex index, Func<string, string?> pathOf)
    {
        var present = index.Manifests.Where(m => pathOf(m.Digest) is { } p && store.Exists(p)).ToList();
        if (present.Count == index.Manifests.Count || present.Count == 0)
        {
            return null;
        }

        if (present.Count == 1 && !IsAttestation(present[0]))
        {
            var only = present[0];
            var bytes = ReadSync(store, pathOf(only.Digest)!);
            if (!Digest.Matches(only.Digest, bytes))
            {
                throw ArchiveErrors.DigestMismatch(store.Location, "manifest", only.Digest, Digest.ComputeSha256(bytes));
            }

            return ManifestDocument.Parse(bytes, only.MediaType, $"manifest {only.Digest} in {store.Location}");
        }

        return ManifestDocument.Create(index with { Manifests = present });
    }

    /// <summary>BuildKit's attestation manifests sit in the index as platform unknown/unknown.</summary>
    private static bool IsAttestation(Descriptor d) =>
        d.Platform is { Os: "unknown", Architecture: "unknown" } || d.Annotation("vnd.docker.reference.type") == "attestation-manifest";

    private static byte[] ReadSync(IFileStore store, string path)
    {
        using var stream = store.Open(path);
        var bytes = new byte[store.Length(path)];
        stream.ReadExactly(bytes);
        return bytes;
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
