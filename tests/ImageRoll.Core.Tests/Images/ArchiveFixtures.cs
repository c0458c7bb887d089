using System.Formats.Tar;
using System.Text;
using System.Text.Json;
using ImageRoll.Images;

namespace ImageRoll.Core.Tests.Images;

/// <summary>Builds small OCI layouts, OCI archives and docker save tars in code (no Docker needed).</summary>
internal static class ArchiveFixtures
{
    internal sealed record Blob(string MediaType, byte[] Bytes)
    {
        public string Digest => ImageRoll.Images.Digest.ComputeSha256(Bytes);

        public object Descriptor(object? platform = null, Dictionary<string, string>? annotations = null) =>
            new Dictionary<string, object?>
            {
                ["mediaType"] = MediaType,
                ["digest"] = Digest,
                ["size"] = Bytes.Length,
                ["platform"] = platform,
                ["annotations"] = annotations,
            }.Where(kv => kv.Value is not null).ToDictionary(kv => kv.Key, kv => kv.Value);
    }

    internal sealed record Image(Blob Config, IReadOnlyList<Blob> Layers, Blob Manifest)
    {
        public IEnumerable<Blob> All => Layers.Prepend(Config).Append(Manifest);
    }

    public static byte[] Json(object value) => JsonSerializer.SerializeToUtf8Bytes(value);

    /// <summary>Deterministic layer bytes that do not start with a gzip or zstd magic number.</summary>
    public static byte[] LayerBytes(int size, int seed)
    {
        var bytes = new byte[size];
        new Random(seed).NextBytes(bytes);
        bytes[0] = (byte)'L';
        return bytes;
    }

    public static Image BuildImage(int seed, int layers = 2, int layerSize = 3000, bool withMediaType = true)
    {
        var layerBlobs = Enumerable.Range(0, layers).Select(i => new Blob(MediaTypes.OciLayer, LayerBytes(layerSize + i, seed * 100 + i))).ToList();
        var config = new Blob(MediaTypes.OciConfig, Json(new
        {
            architecture = "amd64",
            os = "linux",
            rootfs = new { type = "layers", diff_ids = layerBlobs.Select(l => l.Digest).ToArray() },
        }));
        var manifest = new Dictionary<string, object>
        {
            ["schemaVersion"] = 2,
            ["config"] = config.Descriptor(),
            ["layers"] = layerBlobs.Select(l => l.Descriptor()).ToArray(),
        };
        if (withMediaType)
        {
            manifest["mediaType"] = MediaTypes.OciManifest;
        }

        // Indented on purpose: digests must be of these exact bytes, not of a re-serialisation.
        var bytes = JsonSerializer.SerializeToUtf8Bytes(manifest, new JsonSerializerOptions { WriteIndented = true });
        return new Image(config, layerBlobs, new Blob(MediaTypes.OciManifest, bytes));
    }

    public static Blob BuildIndex(params (Image Image, string Arch)[] images) => new(MediaTypes.OciIndex, Json(new
    {
        schemaVersion = 2,
        mediaType = MediaTypes.OciIndex,
        manifests = images.Select(i => i.Image.Manifest.Descriptor(new { architecture = i.Arch, os = "linux" })).ToArray(),
    }));

    /// <summary>Writes oci-layout, blobs and an index.json whose entries are <paramref name="entries"/>.</summary>
    public static string WriteLayout(string dir, IEnumerable<Blob> blobs, params object[] entries)
    {
        Directory.CreateDirectory(Path.Combine(dir, "blobs", "sha256"));
        File.WriteAllText(Path.Combine(dir, "oci-layout"), """{"imageLayoutVersion":"1.0.0"}""");
        foreach (var blob in blobs)
        {
            File.WriteAllBytes(Path.Combine(dir, "blobs", "sha256", Digest.Hex(blob.Digest)), blob.Bytes);
        }

        File.WriteAllBytes(Path.Combine(dir, "index.json"), Json(new { schemaVersion = 2, mediaType = MediaTypes.OciIndex, manifests = entries }));
        return dir;
    }

    /// <summary>Tars a directory with "./" prefixed names (as GNU tar -C DIR . writes them).</summary>
    public static string TarDirectory(string dir, string tarPath)
    {
        using var file = File.Create(tarPath);
        using var writer = new TarWriter(file, TarEntryFormat.Pax);
        foreach (var path in Directory.EnumerateFiles(dir, "*", SearchOption.AllDirectories).Order(StringComparer.Ordinal))
        {
            writer.WriteEntry(path, "./" + Path.GetRelativePath(dir, path).Replace('\\', '/'));
        }

        return tarPath;
    }

    /// <summary>A legacy (Docker 20.10) docker save tar. A repeated layer is written as a symlink to its first copy.</summary>
    public static string WriteDockerSave(string tarPath, params (string[] RepoTags, Image Image)[] images)
    {
        using var file = File.Create(tarPath);
        using var writer = new TarWriter(file, TarEntryFormat.Pax);
        var written = new Dictionary<string, string>();
        var manifest = new List<object>();
        foreach (var (tags, image) in images)
        {
            var configName = Digest.Hex(image.Config.Digest) + ".json";
            Add(writer, configName, image.Config.Bytes);
            var layerPaths = new List<string>();
            for (var i = 0; i < image.Layers.Count; i++)
            {
                var id = $"{image.Config.Digest[7..19]}{i:D2}";
                var layerPath = $"{id}/layer.tar";
                if (written.TryGetValue(image.Layers[i].Digest, out var first))
                {
                    writer.WriteEntry(new PaxTarEntry(TarEntryType.SymbolicLink, layerPath) { LinkName = "../" + first });
                }
                else
                {
                    Add(writer, $"{id}/VERSION", Encoding.ASCII.GetBytes("1.0"));
                    Add(writer, layerPath, image.Layers[i].Bytes);
                    written[image.Layers[i].Digest] = layerPath;
                }

                layerPaths.Add(layerPath);
            }

            manifest.Add(new { Config = configName, RepoTags = tags, Layers = layerPaths });
        }

        Add(writer, "manifest.json", Json(manifest));
        return tarPath;
    }

    public static void Add(TarWriter writer, string name, byte[] bytes) =>
        writer.WriteEntry(new PaxTarEntry(TarEntryType.RegularFile, name) { DataStream = new MemoryStream(bytes) });

    public static async Task<byte[]> ReadAllAsync(Stream stream)
    {
        await using (stream)
        {
            using var copy = new MemoryStream();
            await stream.CopyToAsync(copy, TestContext.Current.CancellationToken);
            return copy.ToArray();
        }
    }
}
