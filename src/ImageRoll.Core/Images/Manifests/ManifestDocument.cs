using System.Text.Encodings.Web;
using System.Text.Json;

namespace ImageRoll.Images.Manifests;

/// <summary>
/// A manifest or index together with its exact bytes. Digests are always of <see cref="Bytes"/> as received or
/// read from disk, never of a re-serialisation (a registry addresses a manifest by the sha256 of its bytes).
/// Errors IR2130 (not valid JSON / fields missing), IR2131 (kind unknown), IR2132 (unsupported schema).
/// </summary>
public sealed class ManifestDocument
{
    // The default encoder writes '+' as \u002B; media types read better (and match other tools' output) unescaped.
    private static readonly ManifestJsonContext Writer = new(new JsonSerializerOptions { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping });

    private ManifestDocument(ReadOnlyMemory<byte> bytes, string mediaType, ManifestKind kind, ImageManifest? image, ImageIndex? index)
    {
        Bytes = bytes;
        MediaType = mediaType;
        Kind = kind;
        Image = image;
        Index = index;
        Digest = Images.Digest.ComputeSha256(bytes.Span);
    }

    public ReadOnlyMemory<byte> Bytes { get; }

    /// <summary>The media type to send as Content-Type on a manifest PUT.</summary>
    public string MediaType { get; }

    /// <summary><c>sha256:</c> of <see cref="Bytes"/>.</summary>
    public string Digest { get; }

    public ManifestKind Kind { get; }

    public bool IsIndex => Kind is ManifestKind.OciIndex or ManifestKind.DockerManifestList;

    /// <summary>Set when this is an image manifest.</summary>
    public ImageManifest? Image { get; }

    /// <summary>Set when this is an index or manifest list.</summary>
    public ImageIndex? Index { get; }

    /// <summary>A descriptor pointing at this document.</summary>
    public Descriptor ToDescriptor() => new() { MediaType = MediaType, Digest = Digest, Size = Bytes.Length };

    /// <summary>
    /// Parses manifest bytes. The kind comes from the document's own <c>mediaType</c>, else from
    /// <paramref name="mediaType"/> (an HTTP Content-Type or the referring descriptor's type), else from its shape
    /// (<c>manifests</c> means an OCI index, <c>config</c>+<c>layers</c> an OCI manifest: the OCI spec makes the
    /// field optional). <paramref name="source"/> names where the bytes came from in error messages.
    /// </summary>
    public static ManifestDocument Parse(ReadOnlyMemory<byte> bytes, string? mediaType = null, string source = "manifest")
    {
        JsonElement root;
        try
        {
            using var doc = JsonDocument.Parse(bytes);
            root = doc.RootElement.Clone();
        }
        catch (JsonException ex)
        {
            throw Error(ImageErrors.BadManifestJson, $"The {source} is not valid JSON ({ex.Message}).");
        }

        if (root.ValueKind != JsonValueKind.Object)
        {
            throw Error(ImageErrors.BadManifestJson, $"The {source} is not a JSON object.");
        }

        var declared = root.TryGetProperty("mediaType", out var mt) && mt.ValueKind == JsonValueKind.String ? mt.GetString() : null;
        if (root.TryGetProperty("schemaVersion", out var sv) && sv.ValueKind == JsonValueKind.Number && sv.GetInt32() == 1
            || declared is MediaTypes.DockerManifestV1Signed or "application/vnd.docker.distribution.manifest.v1+json")
        {
            throw new ImageRollException(ImageErrors.SchemaOneManifest, FailureKind.BadInput,
                $"The {source} is a Docker schema 1 manifest, which ImageRoll does not handle.",
                "Re-push the image with a current Docker, skopeo or buildah so that it has a schema 2 or OCI manifest.");
        }

        var kind = KindOf(declared) ?? KindOf(StripParameters(mediaType)) ?? KindFromShape(root)
            ?? throw Error(ImageErrors.NotAManifest, $"The {source} has media type '{declared ?? mediaType ?? "(none)"}' and neither 'manifests' nor 'config'+'layers'; it is not an image manifest or index.");
        var type = kind switch
        {
            ManifestKind.OciManifest => MediaTypes.OciManifest,
            ManifestKind.DockerManifest => MediaTypes.DockerManifest,
            ManifestKind.OciIndex => MediaTypes.OciIndex,
            _ => MediaTypes.DockerManifestList,
        };

        try
        {
            if (kind is ManifestKind.OciIndex or ManifestKind.DockerManifestList)
            {
                var index = root.Deserialize(ManifestJsonContext.Default.ImageIndex) ?? throw Error(ImageErrors.BadManifestJson, $"The {source} is empty.");
                foreach (var d in index.Manifests)
                {
                    Check(d, source);
                }

                return new ManifestDocument(bytes, type, kind, null, index);
            }

            var image = root.Deserialize(ManifestJsonContext.Default.ImageManifest) ?? throw Error(ImageErrors.BadManifestJson, $"The {source} is empty.");
            Check(image.Config, source);
            foreach (var d in image.Layers)
            {
                Check(d, source);
            }

            return new ManifestDocument(bytes, type, kind, image, null);
        }
        catch (JsonException ex)
        {
            throw Error(ImageErrors.BadManifestJson, $"The {source} is not a valid {type} ({ex.Message}).");
        }
    }

    /// <summary>Serialises a new manifest (one ImageRoll creates) and wraps the resulting bytes.</summary>
    public static ManifestDocument Create(ImageManifest manifest)
    {
        ArgumentNullException.ThrowIfNull(manifest);
        var bytes = JsonSerializer.SerializeToUtf8Bytes(manifest, Writer.ImageManifest);
        return Parse(bytes, manifest.MediaType ?? MediaTypes.OciManifest, "new manifest");
    }

    /// <summary>Serialises a new index (one ImageRoll creates) and wraps the resulting bytes.</summary>
    public static ManifestDocument Create(ImageIndex index)
    {
        ArgumentNullException.ThrowIfNull(index);
        var bytes = JsonSerializer.SerializeToUtf8Bytes(index, Writer.ImageIndex);
        return Parse(bytes, index.MediaType ?? MediaTypes.OciIndex, "new index");
    }

    public override string ToString() => $"{MediaType} {Digest} ({Bytes.Length} bytes)";

    private static ManifestKind? KindOf(string? mediaType) => mediaType switch
    {
        MediaTypes.OciManifest => ManifestKind.OciManifest,
        MediaTypes.DockerManifest => ManifestKind.DockerManifest,
        MediaTypes.OciIndex => ManifestKind.OciIndex,
        MediaTypes.DockerManifestList => ManifestKind.DockerManifestList,
        _ => null,
    };

    private static ManifestKind? KindFromShape(JsonElement root)
    {
        if (root.TryGetProperty("manifests", out var m) && m.ValueKind == JsonValueKind.Array)
        {
            return ManifestKind.OciIndex;
        }

        return root.TryGetProperty("config", out var c) && c.ValueKind == JsonValueKind.Object
            && root.TryGetProperty("layers", out var l) && l.ValueKind == JsonValueKind.Array
            ? ManifestKind.OciManifest
            : null;
    }

    private static string? StripParameters(string? contentType) =>
        contentType is null ? null : contentType.Split(';', 2)[0].Trim();

    private static void Check(Descriptor d, string source)
    {
        if (d is null)
        {
            throw Error(ImageErrors.BadManifestJson, $"The {source} has a null descriptor.");
        }

        Images.Digest.Validate(d.Digest, $"the {source}'s descriptor of type {d.MediaType}");
        if (d.Size < 0)
        {
            throw Error(ImageErrors.BadManifestJson, $"The {source} gives {d.Digest} a negative size ({d.Size}).");
        }
    }

    private static ImageRollException Error(string code, string message) =>
        new(code, FailureKind.BadInput, message, "Check that the file or registry holds an OCI or Docker v2 image manifest or index.");
}
