using System.Text.Json;
using ImageRoll.Images.Manifests;

namespace ImageRoll.Images.Archives;

/// <summary>
/// Reads the legacy <c>docker save</c> format (moby image/tarexport): <c>manifest.json</c> is
/// <c>[{"Config":"HEX.json","RepoTags":["name:tag"],"Layers":["ID/layer.tar",...]}]</c>. An OCI image manifest is
/// synthesised: the config is the Docker config JSON's exact bytes (typed application/vnd.oci.image.config.v1+json)
/// and the layers are the layer tars as they are (uncompressed, so each digest equals the config's diff_id),
/// hashed once by streaming when the archive is opened.
/// </summary>
internal static class DockerArchiveReader
{
    private const int MaxConfigBytes = 64 << 20;

    public static async Task<IImageSource> OpenAsync(IFileStore store, string? refName, CancellationToken ct)
    {
        var images = await ReadManifestJsonAsync(store, ct).ConfigureAwait(false);
        var (config, tags, layers) = Select(store.Location, images, refName);

        var configBytes = await ArchiveImageSource.ReadSmallAsync(store, Require(store, config, "config"), MaxConfigBytes, ct).ConfigureAwait(false);
        var configDigest = Digest.ComputeSha256(configBytes);
        var diffIds = DiffIds(configBytes);
        var paths = new Dictionary<string, string>(StringComparer.Ordinal) { [configDigest] = config };

        var distinct = layers.Distinct(StringComparer.Ordinal).ToList();
        using var gate = new SemaphoreSlim(Math.Max(1, Environment.ProcessorCount));
        var hashed = await Task.WhenAll(distinct.Select(async path =>
        {
            await gate.WaitAsync(ct).ConfigureAwait(false);
            try
            {
                return (Path: path, Layer: await HashLayerAsync(store, Require(store, path, "layer"), ct).ConfigureAwait(false));
            }
            finally
            {
                gate.Release();
            }
        })).ConfigureAwait(false);
        var byPath = hashed.ToDictionary(h => h.Path, h => h.Layer, StringComparer.Ordinal);

        var descriptors = new List<Descriptor>();
        for (var i = 0; i < layers.Count; i++)
        {
            var layer = byPath[layers[i]];
            if (layer.MediaType == MediaTypes.OciLayer && i < diffIds.Count && diffIds[i] != layer.Digest)
            {
                throw ArchiveErrors.DigestMismatch(store.Location, $"layer {layers[i]} (diff_id {i} of the config)", diffIds[i], layer.Digest);
            }

            paths[layer.Digest] = layers[i];
            descriptors.Add(layer);
        }

        var manifest = ManifestDocument.Create(new ImageManifest
        {
            SchemaVersion = 2,
            MediaType = MediaTypes.OciManifest,
            Config = new Descriptor { MediaType = MediaTypes.OciConfig, Digest = configDigest, Size = configBytes.Length },
            Layers = descriptors,
        });
        return new ArchiveImageSource(store, ImageSourceKind.DockerArchive, manifest, tags.FirstOrDefault(), d => paths.GetValueOrDefault(d));
    }

    private static async Task<List<(string Config, List<string> Tags, List<string> Layers)>> ReadManifestJsonAsync(IFileStore store, CancellationToken ct)
    {
        var bytes = await ArchiveImageSource.ReadSmallAsync(store, "manifest.json", ArchiveImageSource.MaxManifestBytes, ct).ConfigureAwait(false);
        try
        {
            using var doc = JsonDocument.Parse(bytes);
            if (doc.RootElement.ValueKind != JsonValueKind.Array)
            {
                throw ArchiveErrors.BadMetadata(store.Location, "manifest.json", "it is not a JSON array");
            }

            var images = new List<(string, List<string>, List<string>)>();
            foreach (var e in doc.RootElement.EnumerateArray())
            {
                var config = e.TryGetProperty("Config", out var c) && c.ValueKind == JsonValueKind.String ? c.GetString()! : null;
                if (config is null || !e.TryGetProperty("Layers", out var l) || l.ValueKind != JsonValueKind.Array)
                {
                    throw ArchiveErrors.BadMetadata(store.Location, "manifest.json", "an entry lacks Config or Layers");
                }

                var tags = e.TryGetProperty("RepoTags", out var t) && t.ValueKind == JsonValueKind.Array
                    ? t.EnumerateArray().Where(x => x.ValueKind == JsonValueKind.String).Select(x => x.GetString()!).ToList()
                    : [];
                images.Add((config, tags, l.EnumerateArray().Select(x => x.GetString() ?? string.Empty).ToList()));
            }

            return images;
        }
        catch (JsonException ex)
        {
            throw ArchiveErrors.BadMetadata(store.Location, "manifest.json", ex.Message);
        }
    }

    private static (string, List<string>, List<string>) Select(
        string location, List<(string Config, List<string> Tags, List<string> Layers)> images, string? refName)
    {
        if (images.Count == 0)
        {
            throw ArchiveErrors.Empty(location);
        }

        IEnumerable<string> Names() => images.Select(i => i.Tags.Count > 0 ? string.Join(" ", i.Tags) : i.Config);
        if (refName is not null)
        {
            foreach (var image in images)
            {
                if (image.Tags.FirstOrDefault(t => t == refName || OciLayoutReader.SameImage(t, refName)) is { } tag)
                {
                    return (image.Config, [tag], image.Layers);
                }
            }

            throw ArchiveErrors.ChooseImage(location, Names(), refName);
        }

        return images.Count == 1 ? images[0] : throw ArchiveErrors.ChooseImage(location, Names(), null);
    }

    private static string Require(IFileStore store, string path, string what) =>
        store.Exists(path) ? path : throw ArchiveErrors.BadMetadata(store.Location, "manifest.json", $"it names {what} file '{path}', which is not in the archive");

    private static async Task<Descriptor> HashLayerAsync(IFileStore store, string path, CancellationToken ct)
    {
        var stream = store.Open(path);
        await using (stream.ConfigureAwait(false))
        {
            var head = new byte[4];
            var n = await stream.ReadAtLeastAsync(head, head.Length, throwOnEndOfStream: false, ct).ConfigureAwait(false);
            var mediaType = n >= 2 && head[0] == 0x1f && head[1] == 0x8b ? MediaTypes.OciLayerGzip
                : n >= 4 && head[0] == 0x28 && head[1] == 0xb5 && head[2] == 0x2f && head[3] == 0xfd ? MediaTypes.OciLayerZstd
                : MediaTypes.OciLayer;
            stream.Position = 0;
            var (digest, length) = await Digest.ComputeSha256Async(stream, ct).ConfigureAwait(false);
            return new Descriptor { MediaType = mediaType, Digest = digest, Size = length };
        }
    }

    private static List<string> DiffIds(byte[] config)
    {
        try
        {
            using var doc = JsonDocument.Parse(config);
            return doc.RootElement.TryGetProperty("rootfs", out var r) && r.TryGetProperty("diff_ids", out var d) && d.ValueKind == JsonValueKind.Array
                ? d.EnumerateArray().Select(x => x.GetString() ?? string.Empty).ToList()
                : [];
        }
        catch (JsonException)
        {
            return [];
        }
    }
}
