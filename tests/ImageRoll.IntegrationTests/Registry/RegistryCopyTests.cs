using ImageRoll.IntegrationTests.Infrastructure;
using ImageRoll.Registry;
using ImageRoll.Registry.Credentials;

namespace ImageRoll.IntegrationTests.Registry;

/// <summary>Registry-to-registry copies through the engine, judged by skopeo against the real registries.</summary>
public sealed class RegistryCopyTests : IDisposable
{
    private readonly RegistryTestEnv _env = new();

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    public void Dispose() => _env.Dispose();

    [Fact]
    public async Task Copy_within_one_registry_mounts_every_blob_and_keeps_the_digest()
    {
        var source = await SeedAsync(RegistryTestEnv.Plain, "copy-src");
        var target = RegistryTestEnv.UniqueRepo("copy-dst");
        using var session = Session();

        var result = await new ImageCopier(session).CopyAsync((RegistryTestEnv.Plain, source.Repo, "v1"), (RegistryTestEnv.Plain, target), ["v2"], null, Ct);

        Assert.Equal(3, result.BlobsMounted);
        Assert.Equal(0, result.BlobsUploaded);
        Assert.Equal($"{RegistryTestEnv.Plain}/{target}@{source.Digest}", result.DigestReference);
        Assert.Equal(source.Digest, (await _env.InspectRawAsync($"{RegistryTestEnv.Plain}/{target}:v2")).Digest);
        Assert.Equal(source.Layers, await _env.LayersViaOciLayoutAsync($"{RegistryTestEnv.Plain}/{target}:v2"));
    }

    [Fact]
    public async Task Copy_between_registries_streams_blobs_into_the_auth_TLS_registry()
    {
        var source = await SeedAsync(RegistryTestEnv.Plain, "xreg-src");
        var target = RegistryTestEnv.UniqueRepo("xreg-dst");
        using var session = Session();

        var result = await new ImageCopier(session).CopyAsync((RegistryTestEnv.Plain, source.Repo, "v1"), (RegistryTestEnv.Secure, target), ["release"], null, Ct);

        Assert.Equal(3, result.BlobsUploaded);
        Assert.Equal($"{RegistryTestEnv.Secure}/{target}@{source.Digest}", result.DigestReference);
        Assert.Equal(source.Digest, (await _env.InspectRawAsync($"{RegistryTestEnv.Secure}/{target}:release")).Digest);
        Assert.Equal(source.Layers, await _env.LayersViaOciLayoutAsync($"{RegistryTestEnv.Secure}/{target}:release"));

        var again = await new ImageCopier(session).CopyAsync((RegistryTestEnv.Plain, source.Repo, source.Digest), (RegistryTestEnv.Secure, target), ["again"], null, Ct);
        Assert.Equal(3, again.BlobsSkipped);
        Assert.Equal(result.Digest, again.Digest);
    }

    [Fact]
    public async Task Copy_of_a_multi_arch_index_copies_the_index_and_every_platform()
    {
        var layout = new OciLayoutWriter(_env.NewDir("multi"));
        var shared = layout.WriteBlob(OciLayoutWriter.TarOf("shared.txt", "shared"u8.ToArray()), OciLayoutWriter.LayerType);
        var amd = layout.WriteImage([shared, layout.WriteBlob(OciLayoutWriter.TarOf("amd64.txt", "amd64"u8.ToArray()), OciLayoutWriter.LayerType)], "amd64");
        var arm = layout.WriteImage([shared, layout.WriteBlob(OciLayoutWriter.TarOf("arm64.txt", "arm64"u8.ToArray()), OciLayoutWriter.LayerType)], "arm64");
        var index = layout.WriteImageIndex([(amd, "amd64"), (arm, "arm64")]);
        layout.WriteLayoutIndex(index);
        var repo = RegistryTestEnv.UniqueRepo("multi-src");
        await _env.SkopeoCopyAsync($"oci:{layout.Directory}:latest", $"docker://{RegistryTestEnv.Plain}/{repo}:v1", "--all");
        var target = RegistryTestEnv.UniqueRepo("multi-dst");
        using var session = Session();

        var (sourceDigest, sourceIndex) = await _env.InspectRawAsync($"{RegistryTestEnv.Plain}/{repo}:v1");
        var children = System.Text.Json.JsonDocument.Parse(sourceIndex).RootElement.GetProperty("manifests").EnumerateArray().Select(m => m.GetProperty("digest").GetString()!).ToList();

        var result = await new ImageCopier(session).CopyAsync((RegistryTestEnv.Plain, repo, "v1"), (RegistryTestEnv.Secure, target), ["v1"], null, Ct);

        Assert.Equal(sourceDigest, result.Digest);
        Assert.Equal(2, result.ChildManifests);
        Assert.Equal(5, result.BlobsUploaded);
        Assert.Equal(sourceDigest, (await _env.InspectRawAsync($"{RegistryTestEnv.Secure}/{target}:v1")).Digest);
        Assert.Equal(2, children.Count);
        foreach (var child in children)
        {
            Assert.Equal(child, (await _env.InspectRawAsync($"{RegistryTestEnv.Secure}/{target}@{child}")).Digest);
        }
    }

    [Fact]
    public async Task Chunked_push_against_the_real_registry_follows_each_Location_to_the_right_digest()
    {
        var layout = new OciLayoutWriter(_env.NewDir("chunked"));
        var manifest = layout.WriteSmallImage(seed: 99, layerCount: 2, layerSize: 20_000);
        var repo = RegistryTestEnv.UniqueRepo("chunked");
        using var session = new RegistrySession(new RegistryClientOptions
        {
            CaBundlePath = TestServices.RegistryCa,
            Credentials = new EnvCredentials(_env.ImageRollEnv()),
            MonolithicUploadLimit = 1_000,
            ChunkSize = 7_000,
        });
        await using var source = await ImageRoll.Images.Archives.ImageSourceFactory.OpenAsync(layout.Directory, null, Ct);

        var result = await new ImagePusher(session).PushAsync(source, ImageRoll.Images.ImageReference.Parse($"{RegistryTestEnv.Secure}/{repo}:chunked"), [], null, Ct);

        Assert.Equal(manifest.Digest, result.Digest);
        Assert.Equal(manifest.Digest, (await _env.InspectRawAsync($"{RegistryTestEnv.Secure}/{repo}:chunked")).Digest);
        var layers = await _env.LayersViaOciLayoutAsync($"{RegistryTestEnv.Secure}/{repo}:chunked");
        Assert.Equal(2, layers.Count);
        Assert.All(layers, l => Assert.True(File.Exists(Path.Combine(layout.Directory, "blobs", "sha256", l[7..]))));
    }

    /// <summary>Pushes a small layout image to REG/it/NAME-x:v1 with skopeo; returns its repo, digest and layers.</summary>
    private async Task<(string Repo, string Digest, IReadOnlyList<string> Layers)> SeedAsync(string registry, string name)
    {
        var layout = new OciLayoutWriter(_env.NewDir(name));
        layout.WriteSmallImage(seed: name.GetHashCode(StringComparison.Ordinal));
        var repo = RegistryTestEnv.UniqueRepo(name);

        // skopeo compresses the layers on the way in, so the registry's digest is not the layout's.
        await _env.SkopeoCopyAsync($"oci:{layout.Directory}:latest", $"docker://{registry}/{repo}:v1");
        var layers = await _env.LayersViaOciLayoutAsync($"{registry}/{repo}:v1");
        return (repo, (await _env.InspectRawAsync($"{registry}/{repo}:v1")).Digest, layers);
    }

    private RegistrySession Session() => new(new RegistryClientOptions
    {
        InsecureRegistries = [RegistryTestEnv.Plain],
        CaBundlePath = TestServices.RegistryCa,
        Credentials = new EnvCredentials(_env.ImageRollEnv()),
    });

    private sealed class EnvCredentials(Dictionary<string, string?> env) : IRegistryCredentialProvider
    {
        public ValueTask<RegistryCredential?> GetAsync(string registryHost, CancellationToken ct) =>
            ValueTask.FromResult(registryHost == env["IMAGEROLL_REGISTRY"] ? new RegistryCredential(env["IMAGEROLL_REGISTRY_USERNAME"], env["IMAGEROLL_REGISTRY_PASSWORD"], null) : null);
    }
}
