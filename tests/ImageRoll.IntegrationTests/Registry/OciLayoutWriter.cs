using System.Formats.Tar;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json.Nodes;

namespace ImageRoll.IntegrationTests.Registry;

/// <summary>A blob written into a layout: digest, size, media type.</summary>
public sealed record LayoutBlob(string Digest, long Size, string MediaType);

/// <summary>
/// Writes OCI image layouts (image-spec image-layout.md: oci-layout, index.json, blobs/sha256/HEX) from code, so
/// tests and the benchmark need no base image from the internet. Large blobs are streamed, never held in memory.
/// </summary>
public sealed class OciLayoutWriter
{
    public const string ManifestType = "application/vnd.oci.image.manifest.v1+json";
    public const string IndexType = "application/vnd.oci.image.index.v1+json";
    public const string ConfigType = "application/vnd.oci.image.config.v1+json";
    public const string LayerType = "application/vnd.oci.image.layer.v1.tar";

    public OciLayoutWriter(string directory)
    {
        Directory = directory;
        System.IO.Directory.CreateDirectory(Path.Combine(directory, "blobs", "sha256"));
        File.WriteAllText(Path.Combine(directory, "oci-layout"), "{\"imageLayoutVersion\":\"1.0.0\"}");
    }

    public string Directory { get; }

    public static string Sha256(byte[] bytes) => "sha256:" + Convert.ToHexString(SHA256.HashData(bytes)).ToLowerInvariant();

    /// <summary>A tar holding one regular file: a real layer every tool accepts.</summary>
    public static byte[] TarOf(string name, byte[] content)
    {
        using var ms = new MemoryStream();
        using (var tar = new TarWriter(ms, TarEntryFormat.Pax, leaveOpen: true))
        {
            var entry = new PaxTarEntry(TarEntryType.RegularFile, name) { DataStream = new MemoryStream(content), ModificationTime = DateTimeOffset.UnixEpoch };
            tar.WriteEntry(entry);
        }

        return ms.ToArray();
    }

    public LayoutBlob WriteBlob(byte[] bytes, string mediaType)
    {
        var digest = Sha256(bytes);
        File.WriteAllBytes(BlobPath(digest), bytes);
        return new LayoutBlob(digest, bytes.Length, mediaType);
    }

    /// <summary>Streams <paramref name="size"/> random (incompressible) bytes into a blob, hashing as it goes.</summary>
    public LayoutBlob WriteRandomBlob(long size, int seed, string mediaType = LayerType)
    {
        var temp = Path.Combine(Directory, "blobs", $"tmp-{seed}-{Guid.NewGuid():N}");
        var random = new Random(seed);
        var buffer = new byte[1024 * 1024];
        using var sha = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
        using (var file = new FileStream(temp, FileMode.CreateNew, FileAccess.Write, FileShare.None, 0))
        {
            for (var left = size; left > 0;)
            {
                var n = (int)Math.Min(buffer.Length, left);
                random.NextBytes(buffer.AsSpan(0, n));
                sha.AppendData(buffer, 0, n);
                file.Write(buffer, 0, n);
                left -= n;
            }
        }

        var digest = "sha256:" + Convert.ToHexString(sha.GetHashAndReset()).ToLowerInvariant();
        File.Move(temp, BlobPath(digest), overwrite: true);
        return new LayoutBlob(digest, size, mediaType);
    }

    /// <summary>
    /// Streams random bytes through gzip at level 0 (stored blocks): a valid gzip layer that costs no compression
    /// time, so a push benchmark measures transfer, and skopeo (which sniffs the magic bytes) passes it through as is.
    /// </summary>
    public LayoutBlob WriteStoredGzipRandomBlob(long size, int seed)
    {
        var temp = Path.Combine(Directory, "blobs", $"tmp-{seed}-{Guid.NewGuid():N}");
        var random = new Random(seed);
        var buffer = new byte[1024 * 1024];
        using (var file = new FileStream(temp, FileMode.CreateNew, FileAccess.Write, FileShare.None, 0))
        using (var gzip = new System.IO.Compression.GZipStream(file, System.IO.Compression.CompressionLevel.NoCompression))
        {
            for (var left = size; left > 0;)
            {
                var n = (int)Math.Min(buffer.Length, left);
                random.NextBytes(buffer.AsSpan(0, n));
                gzip.Write(buffer, 0, n);
                left -= n;
            }
        }

        string digest;
        long length;
        using (var read = File.OpenRead(temp))
        {
            digest = "sha256:" + Convert.ToHexString(SHA256.HashData(read)).ToLowerInvariant();
            length = read.Length;
        }

        File.Move(temp, BlobPath(digest), overwrite: true);
        return new LayoutBlob(digest, length, LayerType + "+gzip");
    }

    /// <summary>Writes a config and an image manifest over the layers (uncompressed tar: diff_id = digest).</summary>
    public LayoutBlob WriteImage(IReadOnlyList<LayoutBlob> layers, string architecture = "amd64", string os = "linux")
    {
        var config = new JsonObject
        {
            ["architecture"] = architecture,
            ["os"] = os,
            ["config"] = new JsonObject { ["Env"] = new JsonArray("PATH=/bin") },
            ["rootfs"] = new JsonObject { ["type"] = "layers", ["diff_ids"] = new JsonArray(layers.Select(l => (JsonNode)l.Digest).ToArray()) },
        };
        var configBlob = WriteBlob(Encoding.UTF8.GetBytes(config.ToJsonString()), ConfigType);
        var manifest = new JsonObject
        {
            ["schemaVersion"] = 2,
            ["mediaType"] = ManifestType,
            ["config"] = Descriptor(configBlob),
            ["layers"] = new JsonArray(layers.Select(l => (JsonNode)Descriptor(l)).ToArray()),
        };
        return WriteBlob(Encoding.UTF8.GetBytes(manifest.ToJsonString()), ManifestType);
    }

    /// <summary>Writes an image index blob over platform manifests.</summary>
    public LayoutBlob WriteImageIndex(IReadOnlyList<(LayoutBlob Manifest, string Architecture)> platforms)
    {
        var index = new JsonObject
        {
            ["schemaVersion"] = 2,
            ["mediaType"] = IndexType,
            ["manifests"] = new JsonArray(platforms.Select(p =>
            {
                var d = Descriptor(p.Manifest);
                d["platform"] = new JsonObject { ["architecture"] = p.Architecture, ["os"] = "linux" };
                return (JsonNode)d;
            }).ToArray()),
        };
        return WriteBlob(Encoding.UTF8.GetBytes(index.ToJsonString()), IndexType);
    }

    /// <summary>Writes index.json naming one image (a manifest or an index) with a ref name.</summary>
    public void WriteLayoutIndex(LayoutBlob image, string refName = "latest") => WriteLayoutIndex((image, refName));

    /// <summary>Writes index.json naming several images, each with its ref name.</summary>
    public void WriteLayoutIndex(params (LayoutBlob Image, string RefName)[] images)
    {
        var entries = images.Select(i =>
        {
            var d = Descriptor(i.Image);
            d["annotations"] = new JsonObject { ["org.opencontainers.image.ref.name"] = i.RefName };
            return (JsonNode)d;
        }).ToArray();
        var index = new JsonObject { ["schemaVersion"] = 2, ["mediaType"] = IndexType, ["manifests"] = new JsonArray(entries) };
        File.WriteAllText(Path.Combine(Directory, "index.json"), index.ToJsonString());
    }

    /// <summary>A one-platform image of small tar layers, written with index.json; returns the manifest.</summary>
    public LayoutBlob WriteSmallImage(int seed, int layerCount = 2, int layerSize = 4096)
    {
        var random = new Random(seed);
        var layers = Enumerable.Range(0, layerCount).Select(i =>
        {
            var content = new byte[layerSize];
            random.NextBytes(content);
            return WriteBlob(TarOf($"file-{seed}-{i}.bin", content), LayerType);
        }).ToList();
        var manifest = WriteImage(layers);
        WriteLayoutIndex(manifest);
        return manifest;
    }

    private static JsonObject Descriptor(LayoutBlob blob) =>
        new() { ["mediaType"] = blob.MediaType, ["digest"] = blob.Digest, ["size"] = blob.Size };

    private string BlobPath(string digest) => Path.Combine(Directory, "blobs", "sha256", digest["sha256:".Length..]);
}
