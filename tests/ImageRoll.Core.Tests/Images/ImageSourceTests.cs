using ImageRoll.Images;
using ImageRoll.Images.Archives;
using ImageRoll.Images.Manifests;
using static ImageRoll.Core.Tests.Images.ArchiveFixtures;

namespace ImageRoll.Core.Tests.Images;

public sealed class ImageSourceTests : IDisposable
{
    private readonly string _dir = Directory.CreateTempSubdirectory("imageroll-archives-").FullName;

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private string P(string name) => Path.Combine(_dir, name);

    private static Dictionary<string, string> Name(string refName) => new() { [MediaTypes.RefNameAnnotation] = refName };

    private static async Task AssertBlobsReadBack(IImageSource source, Image image, ImageManifest? manifest = null)
    {
        manifest ??= source.RootManifest.Image!;
        Assert.Equal(image.Config.Digest, manifest.Config.Digest);
        Assert.Equal(image.Config.Bytes, await ReadAllAsync(await source.OpenBlobAsync(manifest.Config, Ct)));
        for (var i = 0; i < image.Layers.Count; i++)
        {
            Assert.Equal(image.Layers[i].Bytes, await ReadAllAsync(await source.OpenBlobAsync(manifest.Layers[i], Ct)));
        }
    }

    [Fact]
    public async Task Oci_layout_with_one_image_gives_its_exact_manifest_bytes_and_streams_blobs()
    {
        var image = BuildImage(1);
        WriteLayout(P("layout"), image.All, image.Manifest.Descriptor());
        await using var source = await ImageSourceFactory.OpenAsync(P("layout"), null, Ct);
        Assert.Equal(ImageSourceKind.OciLayout, source.Kind);
        Assert.Equal(image.Manifest.Digest, source.RootManifest.Digest);
        Assert.Equal(image.Manifest.Bytes, source.RootManifest.Bytes.ToArray());
        Assert.Equal(MediaTypes.OciManifest, source.RootManifest.MediaType);
        await AssertBlobsReadBack(source, image);
    }

    [Fact]
    public async Task Oci_layout_with_several_images_needs_a_ref_and_lists_the_names()
    {
        var a = BuildImage(1);
        var b = BuildImage(2);
        WriteLayout(P("layout"), a.All.Concat(b.All), a.Manifest.Descriptor(annotations: Name("v1")), b.Manifest.Descriptor(annotations: Name("v2")));

        var ex = await Assert.ThrowsAsync<ImageRollException>(() => ImageSourceFactory.OpenAsync(P("layout"), null, Ct));
        Assert.Equal("IR2143", ex.Code);
        Assert.Contains("v1, v2", ex.Message, StringComparison.Ordinal);
        Assert.Contains("--ref", ex.Hint, StringComparison.Ordinal);

        await using var source = await ImageSourceFactory.OpenAsync(P("layout"), "v2", Ct);
        Assert.Equal(b.Manifest.Digest, source.RootManifest.Digest);
        Assert.Equal("v2", source.SelectedName);

        var missing = await Assert.ThrowsAsync<ImageRollException>(() => ImageSourceFactory.OpenAsync(P("layout"), "v3", Ct));
        Assert.Equal("IR2143", missing.Code);
        Assert.Contains("'v3'", missing.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Oci_layout_whose_single_entry_is_an_index_is_multi_platform()
    {
        var amd = BuildImage(1);
        var arm = BuildImage(2);
        var index = BuildIndex((amd, "amd64"), (arm, "arm64"));
        WriteLayout(P("layout"), amd.All.Concat(arm.All).Append(index), index.Descriptor(annotations: Name("latest")));
        await using var source = await ImageSourceFactory.OpenAsync(P("layout"), null, Ct);
        Assert.True(source.RootManifest.IsIndex);
        Assert.Equal(index.Digest, source.RootManifest.Digest);
        var entries = source.RootManifest.Index!.Manifests;
        Assert.Equal(["linux/amd64", "linux/arm64"], entries.Select(e => e.Platform!.ToString()));
        var child = await source.GetManifestAsync(entries[1].Digest, Ct);
        Assert.Equal(arm.Manifest.Digest, child.Digest);
        await AssertBlobsReadBack(source, arm, child.Image);
        var absent = await Assert.ThrowsAsync<ImageRollException>(async () => await source.GetManifestAsync("sha256:" + new string('a', 64), Ct));
        Assert.Equal("IR2144", absent.Code);
    }

    [Fact]
    public async Task Oci_archive_tar_streams_blobs_by_offset_concurrently_and_matches_the_layout()
    {
        var image = BuildImage(3, layers: 3, layerSize: 200_000);
        WriteLayout(P("layout"), image.All, image.Manifest.Descriptor(annotations: Name("latest")));
        TarDirectory(P("layout"), P("image.tar"));
        await using var source = await ImageSourceFactory.OpenAsync(P("image.tar"), "latest", Ct);
        Assert.Equal(ImageSourceKind.OciArchive, source.Kind);
        Assert.Equal(image.Manifest.Digest, source.RootManifest.Digest);
        var layers = source.RootManifest.Image!.Layers;
        var all = await Task.WhenAll(layers.Select(async l => await ReadAllAsync(await source.OpenBlobAsync(l, Ct))));
        for (var i = 0; i < layers.Count; i++)
        {
            Assert.Equal(image.Layers[i].Bytes, all[i]);
        }
    }

    [Fact]
    public async Task Legacy_docker_save_becomes_an_oci_manifest_whose_layer_digests_are_the_diff_ids()
    {
        var image = BuildImage(4, layers: 3);
        WriteDockerSave(P("save.tar"), (["app:1"], image));
        await using var source = await ImageSourceFactory.OpenAsync(P("save.tar"), null, Ct);
        Assert.Equal(ImageSourceKind.DockerArchive, source.Kind);
        Assert.Equal("app:1", source.SelectedName);
        var manifest = source.RootManifest;
        Assert.Equal(MediaTypes.OciManifest, manifest.MediaType);
        Assert.Equal(Digest.ComputeSha256(manifest.Bytes.Span), manifest.Digest);
        Assert.Equal(MediaTypes.OciConfig, manifest.Image!.Config.MediaType);
        Assert.All(manifest.Image.Layers, l => Assert.Equal(MediaTypes.OciLayer, l.MediaType));
        Assert.Equal(image.Layers.Select(l => l.Digest), manifest.Image.Layers.Select(l => l.Digest));
        Assert.Equal(image.Layers.Select(l => (long)l.Bytes.Length), manifest.Image.Layers.Select(l => l.Size));
        await AssertBlobsReadBack(source, image);
    }

    [Fact]
    public async Task Docker_save_with_several_images_selects_by_repo_tag_in_any_spelling_and_follows_layer_symlinks()
    {
        var a = BuildImage(5);
        var shared = a.Layers[0];
        var b0 = BuildImage(6);
        var bLayers = new[] { shared, b0.Layers[1] };
        var bConfig = new Blob(MediaTypes.OciConfig, Json(new { os = "linux", rootfs = new { type = "layers", diff_ids = bLayers.Select(l => l.Digest) } }));
        var b = new Image(bConfig, bLayers, b0.Manifest);
        WriteDockerSave(P("save.tar"), (["busybox:latest"], a), (["registry.example/team/app:2"], b));

        var ex = await Assert.ThrowsAsync<ImageRollException>(() => ImageSourceFactory.OpenAsync(P("save.tar"), null, Ct));
        Assert.Equal("IR2143", ex.Code);
        Assert.Contains("busybox:latest", ex.Message, StringComparison.Ordinal);
        Assert.Contains("registry.example/team/app:2", ex.Message, StringComparison.Ordinal);

        await using var first = await ImageSourceFactory.OpenAsync(P("save.tar"), "docker.io/library/busybox:latest", Ct);
        Assert.Equal(a.Config.Digest, first.RootManifest.Image!.Config.Digest);
        await using var second = await ImageSourceFactory.OpenAsync(P("save.tar"), "registry.example/team/app:2", Ct);
        await AssertBlobsReadBack(second, b);
    }

    [Fact]
    public async Task Docker_save_layer_that_does_not_hash_to_its_diff_id_is_IR2147()
    {
        var image = BuildImage(7);
        var wrongConfig = new Blob(MediaTypes.OciConfig, Json(new { rootfs = new { type = "layers", diff_ids = new[] { "sha256:" + new string('0', 64), image.Layers[1].Digest } } }));
        WriteDockerSave(P("save.tar"), (["x:1"], image with { Config = wrongConfig }));
        var ex = await Assert.ThrowsAsync<ImageRollException>(() => ImageSourceFactory.OpenAsync(P("save.tar"), null, Ct));
        Assert.Equal("IR2147", ex.Code);
        Assert.Contains(image.Layers[0].Digest, ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Dotnet_sdk_archive_whose_index_entry_has_an_empty_platform_opens_as_its_one_image()
    {
        // What PublishContainer with ContainerArchiveOutputPath writes (.NET SDK 10.0.401): "platform": {} beside the names.
        var image = BuildImage(9);
        WriteLayout(P("layout"), image.All, image.Manifest.Descriptor(annotations: new()
        {
            [MediaTypes.RefNameAnnotation] = "1.0.0",
            [MediaTypes.ContainerdImageNameAnnotation] = "helloweb:1.0.0",
        }));
        var indexPath = Path.Combine(P("layout"), "index.json");
        var index = System.Text.Json.Nodes.JsonNode.Parse(File.ReadAllText(indexPath))!;
        index["manifests"]![0]!["platform"] = new System.Text.Json.Nodes.JsonObject();
        File.WriteAllText(indexPath, index.ToJsonString());
        TarDirectory(P("layout"), P("container.tar"));

        await using var source = await ImageSourceFactory.OpenAsync(P("container.tar"), null, Ct);

        Assert.Equal(ImageSourceKind.OciArchive, source.Kind);
        Assert.Equal(image.Manifest.Digest, source.RootManifest.Digest);
        Assert.Equal(image.Manifest.Bytes, source.RootManifest.Bytes.ToArray());
        // A platform that names its os and architecture is kept as it is.
        var kept = "{\"manifests\":[{\"digest\":\"sha256:00\",\"platform\":{\"os\":\"linux\",\"architecture\":\"amd64\"}}]}"u8.ToArray();
        Assert.Same(kept, OciLayoutReader.WithoutEmptyPlatforms(kept));
    }

    [Fact]
    public async Task Docker_25_save_output_is_read_as_the_oci_layout_inside_it()
    {
        var image = BuildImage(8);
        WriteLayout(P("layout"), image.All, image.Manifest.Descriptor(annotations: new()
        {
            [MediaTypes.RefNameAnnotation] = "latest",
            [MediaTypes.ContainerdImageNameAnnotation] = "docker.io/library/app:latest",
        }));
        File.WriteAllBytes(Path.Combine(P("layout"), "manifest.json"), Json(new[]
        {
            new { Config = "blobs/sha256/" + Digest.Hex(image.Config.Digest), RepoTags = new[] { "app:latest" }, Layers = image.Layers.Select(l => "blobs/sha256/" + Digest.Hex(l.Digest)) },
        }));
        TarDirectory(P("layout"), P("save.tar"));
        await using var source = await ImageSourceFactory.OpenAsync(P("save.tar"), "app:latest", Ct);
        Assert.Equal(ImageSourceKind.OciArchive, source.Kind);
        Assert.Equal(image.Manifest.Digest, source.RootManifest.Digest);
        Assert.Equal("docker.io/library/app:latest", source.SelectedName);
    }

    [Fact]
    public async Task Missing_blob_is_IR2144_naming_its_digest_and_wrong_size_is_IR2146()
    {
        var image = BuildImage(9);
        WriteLayout(P("layout"), image.All.Where(b => b != image.Layers[1]), image.Manifest.Descriptor());
        await using var source = await ImageSourceFactory.OpenAsync(P("layout"), null, Ct);
        var ex = await Assert.ThrowsAsync<ImageRollException>(async () => await source.OpenBlobAsync(source.RootManifest.Image!.Layers[1], Ct));
        Assert.Equal("IR2144", ex.Code);
        Assert.Contains(image.Layers[1].Digest, ex.Message, StringComparison.Ordinal);

        var wrongSize = source.RootManifest.Image!.Layers[0] with { Size = 1 };
        Assert.Equal("IR2146", (await Assert.ThrowsAsync<ImageRollException>(async () => await source.OpenBlobAsync(wrongSize, Ct))).Code);
    }

    [Fact]
    public async Task Things_that_are_not_image_archives_are_rejected_with_clear_codes()
    {
        Directory.CreateDirectory(P("empty"));
        Assert.Equal("IR2140", (await Assert.ThrowsAsync<ImageRollException>(() => ImageSourceFactory.OpenAsync(P("empty"), null, Ct))).Code);
        Assert.Equal("IR2142", (await Assert.ThrowsAsync<ImageRollException>(() => ImageSourceFactory.OpenAsync(P("nope.tar"), null, Ct))).Code);

        File.WriteAllText(Path.Combine(P("empty"), "readme.txt"), "hello");
        TarDirectory(P("empty"), P("other.tar"));
        var notImage = await Assert.ThrowsAsync<ImageRollException>(() => ImageSourceFactory.OpenAsync(P("other.tar"), null, Ct));
        Assert.Equal("IR2140", notImage.Code);
        Assert.Contains("manifest.json", notImage.Message, StringComparison.Ordinal);

        await File.WriteAllBytesAsync(P("x.tar.gz"), [0x1f, 0x8b, 8, 0, 0, 0], Ct);
        Assert.Equal("IR2141", (await Assert.ThrowsAsync<ImageRollException>(() => ImageSourceFactory.OpenAsync(P("x.tar.gz"), null, Ct))).Code);

        await File.WriteAllTextAsync(P("junk.tar"), new string('x', 1500), Ct);
        Assert.Equal("IR2141", (await Assert.ThrowsAsync<ImageRollException>(() => ImageSourceFactory.OpenAsync(P("junk.tar"), null, Ct))).Code);
    }

    [Fact]
    public async Task Streaming_a_large_layer_from_a_tar_allocates_almost_nothing()
    {
        var big = new Blob(MediaTypes.OciLayer, LayerBytes(48 << 20, 1));
        var config = new Blob(MediaTypes.OciConfig, Json(new { rootfs = new { type = "layers", diff_ids = new[] { big.Digest } } }));
        WriteDockerSave(P("big.tar"), (["big:1"], new Image(config, [big], config)));
        var expected = big.Digest;
        big = null;
        await using var source = await ImageSourceFactory.OpenAsync(P("big.tar"), null, Ct);
        var layer = source.RootManifest.Image!.Layers[0];
        Assert.Equal(expected, layer.Digest);

        var buffer = new byte[1 << 20];
        using var stream = await source.OpenBlobAsync(layer, Ct);
        using var digesting = new DigestingStream(stream, leaveOpen: true);
        var before = GC.GetAllocatedBytesForCurrentThread();
        while (digesting.Read(buffer, 0, buffer.Length) > 0)
        {
        }

        var allocated = GC.GetAllocatedBytesForCurrentThread() - before;
        Assert.Equal(expected, digesting.GetDigest());
        Assert.Equal(48L << 20, digesting.BytesHashed);
        Assert.True(allocated < 1 << 20, $"reading a 48 MiB layer allocated {allocated} bytes");
    }

    [Fact]
    public async Task Index_whose_other_platforms_were_not_saved_yields_the_platform_that_is_present()
    {
        var amd = BuildImage(11);
        var arm = BuildImage(12);
        var s390 = BuildImage(13);
        var index = BuildIndex((amd, "amd64"), (arm, "arm64"), (s390, "s390x"));
        WriteLayout(P("one"), amd.All.Append(index), index.Descriptor());
        await using (var one = await ImageSourceFactory.OpenAsync(P("one"), null, Ct))
        {
            Assert.Equal(amd.Manifest.Digest, one.RootManifest.Digest);
            await AssertBlobsReadBack(one, amd);
        }

        WriteLayout(P("two"), amd.All.Concat(arm.All).Append(index), index.Descriptor());
        await using var two = await ImageSourceFactory.OpenAsync(P("two"), null, Ct);
        Assert.True(two.RootManifest.IsIndex);
        Assert.Equal([amd.Manifest.Digest, arm.Manifest.Digest], two.RootManifest.Index!.Manifests.Select(m => m.Digest));
        Assert.Equal(arm.Manifest.Digest, (await two.GetManifestAsync(arm.Manifest.Digest, Ct)).Digest);
    }

    [Fact]
    public async Task Extracted_docker_save_directory_is_read_like_the_tar()
    {
        var image = BuildImage(14);
        WriteDockerSave(P("save.tar"), (["app:1"], image));
        Directory.CreateDirectory(P("extracted"));
        await System.Formats.Tar.TarFile.ExtractToDirectoryAsync(P("save.tar"), P("extracted"), overwriteFiles: false, Ct);
        await using var source = await ImageSourceFactory.OpenAsync(P("extracted"), null, Ct);
        Assert.Equal(ImageSourceKind.DockerArchive, source.Kind);
        await AssertBlobsReadBack(source, image);
    }
}
