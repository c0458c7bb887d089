using System.Formats.Tar;
using System.Text.Json;
using ImageRoll.Images;
using ImageRoll.Images.Archives;
using ImageRoll.IntegrationTests.Infrastructure;

namespace ImageRoll.IntegrationTests.Images;

/// <summary>
/// Reads archives the real tools write: <c>docker save</c> of an image made by <c>docker import</c> (Docker 20.10's
/// legacy format), and <c>skopeo copy</c> of it to an OCI layout directory and an OCI archive.
/// </summary>
public sealed class ArchiveInteropTests : IAsyncLifetime
{
    private readonly string _dir = Directory.CreateTempSubdirectory("imageroll-interop-").FullName;
    private readonly string _image = $"imageroll-it/images-{Guid.NewGuid():N}:v1";
    private Dictionary<string, string> _dockerEnv = new();

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    public ValueTask InitializeAsync() => ValueTask.CompletedTask;

    public async ValueTask DisposeAsync()
    {
        if (_dockerEnv.Count > 0)
        {
            await ExternalTool.RunAsync("docker", ["rmi", "-f", _image], _dockerEnv);
        }

        Directory.Delete(_dir, recursive: true);
    }

    private string P(string name) => Path.Combine(_dir, name);

    private async Task<string> DockerSaveOfImportedImageAsync()
    {
        _dockerEnv = new Dictionary<string, string> { ["DOCKER_HOST"] = TestServices.DockerHostUnix };
        var rootfs = P("rootfs.tar");
        using (var file = File.Create(rootfs))
        using (var writer = new TarWriter(file, TarEntryFormat.Pax))
        {
            writer.WriteEntry("/bin/busybox", "bin/busybox");
            writer.WriteEntry(new PaxTarEntry(TarEntryType.RegularFile, "etc/imageroll") { DataStream = new MemoryStream("interop\n"u8.ToArray()) });
        }

        (await ExternalTool.RunAsync("docker", ["import", rootfs, _image], _dockerEnv, cancellationToken: Ct)).EnsureSuccess("docker import");
        var save = P("save.tar");
        (await ExternalTool.RunAsync("docker", ["save", "-o", save, _image], _dockerEnv, cancellationToken: Ct)).EnsureSuccess("docker save");
        return save;
    }

    private static async Task AssertEveryBlobHashesToItsDigestAsync(IImageSource source)
    {
        var manifests = source.RootManifest.IsIndex
            ? await Task.WhenAll(source.RootManifest.Index!.Manifests.Select(m => source.GetManifestAsync(m.Digest, Ct).AsTask()))
            : [source.RootManifest];
        foreach (var manifest in manifests)
        {
            foreach (var blob in manifest.Image!.Blobs())
            {
                await using var stream = await source.OpenBlobAsync(blob, Ct);
                var (digest, length) = await Digest.ComputeSha256Async(stream, Ct);
                Assert.Equal(blob.Digest, digest);
                Assert.Equal(blob.Size, length);
            }
        }
    }

    [Fact]
    public async Task Docker_save_archive_gives_the_image_id_as_config_digest_and_the_diff_ids_as_layer_digests()
    {
        var save = await DockerSaveOfImportedImageAsync();
        var inspect = (await ExternalTool.RunAsync("docker", ["image", "inspect", _image], _dockerEnv, cancellationToken: Ct)).EnsureSuccess("docker image inspect");
        using var doc = JsonDocument.Parse(inspect.Stdout);
        var id = doc.RootElement[0].GetProperty("Id").GetString();
        var diffIds = doc.RootElement[0].GetProperty("RootFS").GetProperty("Layers").EnumerateArray().Select(e => e.GetString()).ToList();

        await using var source = await ImageSourceFactory.OpenAsync(save, null, Ct);
        Assert.Equal(id, source.RootManifest.Image!.Config.Digest);
        Assert.Equal(diffIds, source.RootManifest.Image.Layers.Select(l => l.Digest));
        Assert.True(ImageReference.Parse(source.SelectedName!).ToString() == ImageReference.Parse(_image).ToString(), source.SelectedName);
        await AssertEveryBlobHashesToItsDigestAsync(source);
    }

    [Fact]
    public async Task Skopeo_oci_layout_and_oci_archive_are_read_with_the_same_manifest_digest()
    {
        var save = await DockerSaveOfImportedImageAsync();
        (await ExternalTool.RunAsync("skopeo", ["copy", "--quiet", $"docker-archive:{save}", $"oci:{P("layout")}:latest"], cancellationToken: Ct))
            .EnsureSuccess("skopeo copy to oci");
        (await ExternalTool.RunAsync("skopeo", ["copy", "--quiet", $"oci:{P("layout")}:latest", $"oci-archive:{P("oci.tar")}:latest"], cancellationToken: Ct))
            .EnsureSuccess("skopeo copy to oci-archive");

        await using var layout = await ImageSourceFactory.OpenAsync(P("layout"), null, Ct);
        await using var archive = await ImageSourceFactory.OpenAsync(P("oci.tar"), "latest", Ct);
        Assert.Equal(ImageSourceKind.OciLayout, layout.Kind);
        Assert.Equal(ImageSourceKind.OciArchive, archive.Kind);
        Assert.Equal(layout.RootManifest.Digest, archive.RootManifest.Digest);
        Assert.Equal("latest", layout.SelectedName);

        var raw = (await ExternalTool.RunAsync("skopeo", ["inspect", "--raw", $"oci:{P("layout")}:latest"], cancellationToken: Ct)).EnsureSuccess("skopeo inspect");
        Assert.Equal(Digest.ComputeSha256(System.Text.Encoding.UTF8.GetBytes(raw.Stdout.TrimEnd('\n'))), layout.RootManifest.Digest);
        await AssertEveryBlobHashesToItsDigestAsync(layout);
        await AssertEveryBlobHashesToItsDigestAsync(archive);
    }
}
