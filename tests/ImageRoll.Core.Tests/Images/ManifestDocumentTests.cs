using System.Text;
using ImageRoll.Images;
using ImageRoll.Images.Manifests;

namespace ImageRoll.Core.Tests.Images;

public class ManifestDocumentTests
{
    private static readonly string D1 = "sha256:" + new string('1', 64);
    private static readonly string D2 = "sha256:" + new string('2', 64);

    private static string Manifest(string? mediaType) =>
        "{ \"schemaVersion\": 2, " + (mediaType is null ? "" : $"\"mediaType\": \"{mediaType}\", ")
        + $"\"config\": {{\"mediaType\": \"{MediaTypes.OciConfig}\", \"digest\": \"{D1}\", \"size\": 7}}, "
        + $"\"layers\": [{{\"mediaType\": \"{MediaTypes.OciLayerGzip}\", \"digest\": \"{D2}\", \"size\": 9, \"urls\": [\"https://x/y\"], \"annotations\": {{\"a\": \"b\"}}}}] }}";

    private static string Index(string? mediaType) =>
        "{\"schemaVersion\":2," + (mediaType is null ? "" : $"\"mediaType\":\"{mediaType}\",")
        + $"\"manifests\":[{{\"mediaType\":\"{MediaTypes.OciManifest}\",\"digest\":\"{D1}\",\"size\":100,\"platform\":{{\"architecture\":\"arm64\",\"os\":\"linux\",\"variant\":\"v8\"}}}}]}}";

    [Theory]
    [InlineData(MediaTypes.OciManifest, null, ManifestKind.OciManifest)]
    [InlineData(MediaTypes.DockerManifest, null, ManifestKind.DockerManifest)]
    [InlineData(null, null, ManifestKind.OciManifest)]
    [InlineData(null, MediaTypes.DockerManifest + "; charset=utf-8", ManifestKind.DockerManifest)]
    [InlineData(MediaTypes.OciManifest, MediaTypes.DockerManifest, ManifestKind.OciManifest)]
    public void Image_manifest_kind_comes_from_its_field_then_the_hint_then_its_shape(string? field, string? hint, ManifestKind kind)
    {
        var bytes = Encoding.UTF8.GetBytes(Manifest(field));
        var doc = ManifestDocument.Parse(bytes, hint);
        Assert.Equal(kind, doc.Kind);
        Assert.False(doc.IsIndex);
        Assert.Equal(Digest.ComputeSha256(bytes), doc.Digest);
        Assert.Equal(bytes, doc.Bytes.ToArray());
        Assert.Equal(D1, doc.Image!.Config.Digest);
        Assert.Equal("https://x/y", Assert.Single(doc.Image.Layers[0].Urls!));
        Assert.Equal("b", doc.Image.Layers[0].Annotation("a"));
        Assert.Equal([D1, D2], doc.Image.Blobs().Select(b => b.Digest));
    }

    [Theory]
    [InlineData(MediaTypes.OciIndex, ManifestKind.OciIndex)]
    [InlineData(MediaTypes.DockerManifestList, ManifestKind.DockerManifestList)]
    [InlineData(null, ManifestKind.OciIndex)]
    public void Index_kinds_and_platforms_are_read(string? field, ManifestKind kind)
    {
        var doc = ManifestDocument.Parse(Encoding.UTF8.GetBytes(Index(field)));
        Assert.Equal(kind, doc.Kind);
        Assert.True(doc.IsIndex);
        Assert.Equal("linux/arm64/v8", doc.Index!.Manifests[0].Platform!.ToString());
    }

    [Fact]
    public void Digest_is_of_the_exact_bytes_so_whitespace_changes_it()
    {
        var compact = ManifestDocument.Parse(Encoding.UTF8.GetBytes(Index(MediaTypes.OciIndex)));
        var spaced = ManifestDocument.Parse(Encoding.UTF8.GetBytes(Index(MediaTypes.OciIndex) + "\n"));
        Assert.NotEqual(compact.Digest, spaced.Digest);
        Assert.Equal(compact.Index!.Manifests[0], spaced.Index!.Manifests[0]);
    }

    [Theory]
    [InlineData("not json", "IR2130")]
    [InlineData("[]", "IR2130")]
    [InlineData("{\"schemaVersion\":1,\"name\":\"x\",\"fsLayers\":[]}", "IR2132")]
    [InlineData("{\"schemaVersion\":2,\"mediaType\":\"application/vnd.example+json\"}", "IR2131")]
    [InlineData("{\"schemaVersion\":2,\"config\":{\"mediaType\":\"x\",\"digest\":\"md5:abc\",\"size\":1},\"layers\":[]}", "IR2120")]
    [InlineData("{\"schemaVersion\":2,\"config\":{\"mediaType\":\"x\",\"size\":1},\"layers\":[]}", "IR2130")]
    public void Bad_manifests_are_rejected_with_codes(string json, string code)
    {
        var ex = Assert.Throws<ImageRollException>(() => ManifestDocument.Parse(Encoding.UTF8.GetBytes(json)));
        Assert.Equal(code, ex.Code);
        Assert.Equal(FailureKind.BadInput, ex.Kind);
    }

    [Fact]
    public void Created_manifest_round_trips_and_omits_absent_fields()
    {
        var doc = ManifestDocument.Create(new ImageManifest
        {
            MediaType = MediaTypes.OciManifest,
            Config = new Descriptor { MediaType = MediaTypes.OciConfig, Digest = D1, Size = 3 },
            Layers = [new Descriptor { MediaType = MediaTypes.OciLayer, Digest = D2, Size = 4 }],
        });
        var text = Encoding.UTF8.GetString(doc.Bytes.Span);
        Assert.DoesNotContain("annotations", text, StringComparison.Ordinal);
        Assert.DoesNotContain("null", text, StringComparison.Ordinal);
        Assert.StartsWith("{\"schemaVersion\":2,\"mediaType\":\"application/vnd.oci.image.manifest.v1+json\"", text, StringComparison.Ordinal);
        Assert.Equal(doc.Digest, ManifestDocument.Parse(doc.Bytes).Digest);
        Assert.Equal(new Descriptor { MediaType = MediaTypes.OciManifest, Digest = doc.Digest, Size = doc.Bytes.Length }, doc.ToDescriptor());
    }

    [Fact]
    public void Accept_header_lists_oci_and_docker_manifest_and_index_types()
    {
        foreach (var type in new[] { MediaTypes.OciManifest, MediaTypes.OciIndex, MediaTypes.DockerManifest, MediaTypes.DockerManifestList })
        {
            Assert.Contains(type, MediaTypes.ManifestAcceptHeader, StringComparison.Ordinal);
        }
    }
}
