using System.Text.Json;

namespace ImageRoll.Registry;

/// <summary>
/// What a manifest refers to, read straight from its bytes so the bytes pushed are exactly the bytes read (any
/// re-serialisation would change the digest): an image manifest's <c>config</c> and <c>layers</c>, or an index's
/// <c>manifests</c>. Foreign layers (Windows base layers with <c>urls</c>) are not pushed, as Docker does not.
/// </summary>
internal sealed record ManifestReferences(IReadOnlyList<BlobRef> Blobs, IReadOnlyList<BlobRef> Children)
{
    public static ManifestReferences Read(ReadOnlyMemory<byte> bytes, string mediaType, string where)
    {
        try
        {
            using var doc = JsonDocument.Parse(bytes);
            var root = doc.RootElement;
            var blobs = new List<BlobRef>();
            var children = new List<BlobRef>();
            if (root.TryGetProperty("manifests", out var manifests) && manifests.ValueKind == JsonValueKind.Array)
            {
                children.AddRange(manifests.EnumerateArray().Select(Descriptor));
            }
            else
            {
                if (root.TryGetProperty("config", out var config))
                {
                    blobs.Add(Descriptor(config));
                }

                if (root.TryGetProperty("layers", out var layers) && layers.ValueKind == JsonValueKind.Array)
                {
                    blobs.AddRange(layers.EnumerateArray().Where(l => !l.TryGetProperty("urls", out _)).Select(Descriptor));
                }

                if (blobs.Count == 0)
                {
                    throw new JsonException("neither 'manifests' nor 'config'/'layers'");
                }
            }

            return new ManifestReferences(blobs, children);
        }
        catch (Exception ex) when (ex is JsonException or InvalidOperationException or KeyNotFoundException or FormatException)
        {
            throw new ImageRollException(RegistryErrors.BadArchive, FailureKind.BadInput,
                $"The {mediaType} manifest of {where} is not a valid manifest: {ex.Message}",
                "Rebuild or re-export the image; the manifest must be an OCI/Docker v2 manifest or index.", ex);
        }
    }

    private static BlobRef Descriptor(JsonElement e) => new(
        e.GetProperty("digest").GetString() ?? throw new FormatException("descriptor without digest"),
        e.GetProperty("size").GetInt64(),
        e.TryGetProperty("mediaType", out var m) ? m.GetString() ?? string.Empty : string.Empty);
}
