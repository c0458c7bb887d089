using System.Text.Json;
using ImageRoll.IntegrationTests.Infrastructure;

namespace ImageRoll.IntegrationTests.Registry;

/// <summary>
/// imageroll push of each archive kind against the real registries; the judge is skopeo: the manifest it reads
/// hashes to exactly the digest ImageRoll printed, and copying the image back yields the same layers.
/// </summary>
public sealed class RegistryPushTests : IDisposable
{
    private readonly RegistryTestEnv _env = new();

    public void Dispose() => _env.Dispose();

    [Fact]
    public async Task Push_of_an_OCI_layout_directory_prints_the_digest_skopeo_reads_under_every_tag()
    {
        var (dir, manifest, layers) = Layout("layout");
        var image = $"{RegistryTestEnv.Plain}/{RegistryTestEnv.UniqueRepo("push-layout")}";

        var run = (await ImageRollCli.RunAsync(_env.ImageRollEnv(), "push", dir, "--image", $"{image}:v1", "--tag", "v1.1", "--tag", "stable",
            "--insecure-registry", RegistryTestEnv.Plain)).EnsureSuccess();

        Assert.Equal($"{image}@{manifest}", run.LastStdoutLine);
        foreach (var tag in new[] { "v1", "v1.1", "stable" })
        {
            Assert.Equal(manifest, (await _env.InspectRawAsync($"{image}:{tag}")).Digest);
        }

        Assert.Equal(layers, await _env.LayersViaOciLayoutAsync($"{image}:v1"));
    }

    [Fact]
    public async Task Push_of_an_OCI_archive_to_the_auth_TLS_registry_matches_skopeo()
    {
        var (dir, manifest, layers) = Layout("oci-archive");
        var archive = Path.Combine(_env.Root, "image-oci.tar");
        await _env.SkopeoCopyAsync($"oci:{dir}:latest", $"oci-archive:{archive}:latest", "--dest-oci-accept-uncompressed-layers");
        var image = $"{RegistryTestEnv.Secure}/{RegistryTestEnv.UniqueRepo("push-ociarchive")}";

        var run = (await ImageRollCli.RunAsync(_env.ImageRollEnv(), "push", archive, "--image", $"{image}:v2", "--registry-ca", TestServices.RegistryCa)).EnsureSuccess();

        var (digest, _) = await _env.InspectRawAsync($"{image}:v2");
        Assert.Equal($"{image}@{digest}", run.LastStdoutLine);
        Assert.Equal(manifest, digest);
        Assert.Equal(layers, await _env.LayersViaOciLayoutAsync($"{image}:v2"));
    }

    [Fact]
    public async Task Push_of_a_docker_save_archive_matches_skopeo_and_keeps_the_layers()
    {
        var (dir, _, layers) = Layout("docker-archive");
        var archive = Path.Combine(_env.Root, "image-docker.tar");
        await _env.SkopeoCopyAsync($"oci:{dir}:latest", $"docker-archive:{archive}:example.com/app:v3");
        var image = $"{RegistryTestEnv.Plain}/{RegistryTestEnv.UniqueRepo("push-dockerarchive")}";

        var run = (await ImageRollCli.RunAsync(_env.ImageRollEnv(), "push", archive, "--image", $"{image}:v3", "--insecure-registry", RegistryTestEnv.Plain)).EnsureSuccess();

        var (digest, raw) = await _env.InspectRawAsync($"{image}:v3");
        Assert.Equal($"{image}@{digest}", run.LastStdoutLine);
        Assert.Equal(layers, JsonDocument.Parse(raw).RootElement.GetProperty("layers").EnumerateArray().Select(l => l.GetProperty("digest").GetString()!).ToList());
        Assert.Equal(layers, await _env.LayersViaOciLayoutAsync($"{image}:v3"));
    }

    [Fact]
    public async Task Push_of_a_multi_arch_layout_pushes_every_platform_and_the_index()
    {
        var layout = new OciLayoutWriter(_env.NewDir("multi-push"));
        var shared = layout.WriteBlob(OciLayoutWriter.TarOf("shared", "both"u8.ToArray()), OciLayoutWriter.LayerType);
        var amd = layout.WriteImage([shared, layout.WriteBlob(OciLayoutWriter.TarOf("a", "amd64 only"u8.ToArray()), OciLayoutWriter.LayerType)], "amd64");
        var arm = layout.WriteImage([shared, layout.WriteBlob(OciLayoutWriter.TarOf("b", "arm64 only"u8.ToArray()), OciLayoutWriter.LayerType)], "arm64");
        var index = layout.WriteImageIndex([(amd, "amd64"), (arm, "arm64")]);
        layout.WriteLayoutIndex(index);
        var image = $"{RegistryTestEnv.Secure}/{RegistryTestEnv.UniqueRepo("push-multi")}";

        var run = (await ImageRollCli.RunAsync(_env.ImageRollEnv(), "push", layout.Directory, "--image", $"{image}:multi", "--registry-ca", TestServices.RegistryCa, "-o", "json")).EnsureSuccess();

        var json = JsonDocument.Parse(run.Stdout).RootElement;
        Assert.Equal($"{image}@{index.Digest}", json.GetProperty("digestReference").GetString());
        Assert.Equal(2, json.GetProperty("childManifests").GetInt32());
        Assert.Equal(index.Digest, (await _env.InspectRawAsync($"{image}:multi")).Digest);
        Assert.Equal(amd.Digest, (await _env.InspectRawAsync($"{image}@{amd.Digest}")).Digest);
        Assert.Equal(arm.Digest, (await _env.InspectRawAsync($"{image}@{arm.Digest}")).Digest);
    }

    [Fact]
    public async Task Ref_picks_one_image_of_a_layout_holding_several()
    {
        var layout = new OciLayoutWriter(_env.NewDir("two-images"));
        var first = layout.WriteImage([layout.WriteBlob(OciLayoutWriter.TarOf("one", "first image"u8.ToArray()), OciLayoutWriter.LayerType)]);
        var second = layout.WriteImage([layout.WriteBlob(OciLayoutWriter.TarOf("two", "second image"u8.ToArray()), OciLayoutWriter.LayerType)]);
        layout.WriteLayoutIndex((first, "first"), (second, "second"));
        var image = $"{RegistryTestEnv.Plain}/{RegistryTestEnv.UniqueRepo("push-ref")}";

        var run = (await ImageRollCli.RunAsync(_env.ImageRollEnv(), "push", layout.Directory, "--ref", "second", "--image", $"{image}:v1", "--insecure-registry", RegistryTestEnv.Plain)).EnsureSuccess();

        Assert.Equal($"{image}@{second.Digest}", run.LastStdoutLine);
        Assert.Equal(second.Digest, (await _env.InspectRawAsync($"{image}:v1")).Digest);
    }

    [Fact]
    public async Task Second_push_skips_every_blob_the_registry_has()
    {
        var (dir, manifest, _) = Layout("again");
        var image = $"{RegistryTestEnv.Plain}/{RegistryTestEnv.UniqueRepo("push-again")}";
        string[] args = ["push", dir, "--image", $"{image}:v1", "--insecure-registry", RegistryTestEnv.Plain, "--output", "json"];

        var first = JsonDocument.Parse((await ImageRollCli.RunAsync(_env.ImageRollEnv(), args)).EnsureSuccess().Stdout).RootElement;
        var second = JsonDocument.Parse((await ImageRollCli.RunAsync(_env.ImageRollEnv(), args)).EnsureSuccess().Stdout).RootElement;

        Assert.Equal(3, first.GetProperty("blobs").GetProperty("uploaded").GetInt32());
        Assert.Equal(0, second.GetProperty("blobs").GetProperty("uploaded").GetInt32());
        Assert.Equal(3, second.GetProperty("blobs").GetProperty("skipped").GetInt32());
        Assert.Equal(first.GetProperty("digest").GetString(), second.GetProperty("digest").GetString());
        Assert.Equal(manifest, second.GetProperty("digest").GetString());
    }

    [Fact]
    public async Task Real_imageroll_process_exits_0_with_only_the_digest_reference_on_stdout()
    {
        var (dir, manifest, _) = Layout("process");
        var image = $"{RegistryTestEnv.Secure}/{RegistryTestEnv.UniqueRepo("push-process")}";

        var run = await ImageRollCli.RunProcessAsync(_env.ImageRollEnv(), "push", dir, "--image", $"{image}:v1", "--registry-ca", TestServices.RegistryCa);

        Assert.True(run.ExitCode == 0, run.Stderr);
        Assert.Equal($"{image}@{manifest}{Environment.NewLine}", run.Stdout);
        Assert.Contains("pushed", run.Stderr, StringComparison.Ordinal);
        Assert.Equal(manifest, (await _env.InspectRawAsync($"{image}:v1")).Digest);
    }

    [Fact]
    public async Task Real_imageroll_process_exits_3_with_IR1002_on_stderr_for_a_wrong_password()
    {
        var (dir, _, _) = Layout("process-denied");
        var env = _env.ImageRollEnv();
        env["IMAGEROLL_REGISTRY_PASSWORD"] = "wrong";

        var run = await ImageRollCli.RunProcessAsync(env, "push", dir, "--image", $"{RegistryTestEnv.Secure}/it/denied:v1", "--registry-ca", TestServices.RegistryCa);

        Assert.Equal(3, run.ExitCode);
        Assert.Equal(string.Empty, run.Stdout);
        Assert.Contains("error IR1002:", run.Stderr, StringComparison.Ordinal);
        Assert.Contains("docker login", run.Stderr, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Missing_archive_is_bad_input_exit_2()
    {
        var run = await ImageRollCli.RunAsync(_env.ImageRollEnv(), "push", Path.Combine(_env.Root, "nope.tar"), "--image", $"{RegistryTestEnv.Plain}/it/x:v1");

        Assert.Equal(2, run.ExitCode);
        Assert.Contains("nope.tar", run.Stderr, StringComparison.Ordinal);
        Assert.Equal(string.Empty, run.Stdout);
    }

    private (string Dir, string Manifest, IReadOnlyList<string> Layers) Layout(string name)
    {
        var layout = new OciLayoutWriter(_env.NewDir(name));
        var manifest = layout.WriteSmallImage(seed: name.Length * 31);
        using var doc = JsonDocument.Parse(File.ReadAllBytes(Path.Combine(layout.Directory, "blobs", "sha256", manifest.Digest[7..])));
        var layers = doc.RootElement.GetProperty("layers").EnumerateArray().Select(l => l.GetProperty("digest").GetString()!).ToList();
        return (layout.Directory, manifest.Digest, layers);
    }
}
