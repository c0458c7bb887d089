using ImageRoll.Build;
using ImageRoll.Docker;
using ImageRoll.Images;
using ImageRoll.Registry.Credentials;

namespace ImageRoll.Core.Tests.Build;

public sealed class DockerfileImageBuilderTests : IDisposable
{
    private const string Digest = "sha256:1111111111111111111111111111111111111111111111111111111111111111";
    private readonly string _dir = Directory.CreateTempSubdirectory("imageroll-dfb-").FullName;

    public DockerfileImageBuilderTests() => File.WriteAllText(Path.Combine(_dir, "Dockerfile"), "ARG BASE_IMAGE\nFROM ${BASE_IMAGE}\n");

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    [Fact]
    public async Task Build_tags_pushes_with_the_providers_credential_and_returns_the_confirmed_digest()
    {
        var docker = new FakeDocker();
        var builder = new DockerfileImageBuilder(docker, new Credentials(new RegistryCredential(null, null, "id-token")), new Probe(Digest)) { Environment = _ => null };

        var result = await builder.BuildAsync(Request(), TestContext.Current.CancellationToken);

        Assert.Equal($"registry.example:5000/team/web@{Digest}", result.Image.ToString());
        Assert.Equal(["registry.example:5000/team/web:7"], docker.Build!.Tags);
        Assert.Equal("registry.example:5000/base/x:1", docker.Build.BuildArgs["BASE_IMAGE"]);
        Assert.Equal("mine", docker.Build.Labels[OciLabels.Created]);
        Assert.Equal(("registry.example:5000/team/web", "7"), (docker.PushedRepository, docker.PushedTag));
        Assert.Equal(new DockerRegistryAuth { IdentityToken = "id-token", ServerAddress = "registry.example:5000" }, docker.PushAuth);
        Assert.True(docker.Build.RegistryAuths.ContainsKey("registry.example:5000"));
    }

    [Fact]
    public async Task Digest_the_registry_does_not_serve_is_IR1204()
    {
        var builder = new DockerfileImageBuilder(new FakeDocker(), null, new Probe(null)) { Environment = _ => null };

        var ex = await Assert.ThrowsAsync<ImageRollException>(() => builder.BuildAsync(Request(), TestContext.Current.CancellationToken));

        Assert.Equal(("IR1204", FailureKind.OperationFailed), (ex.Code, ex.Kind));
        Assert.Contains($"registry.example:5000/team/web@{Digest}", ex.Message, StringComparison.Ordinal);
    }

    private ImageBuildRequest Request() => new()
    {
        Image = ImageReference.Parse("registry.example:5000/team/web:7"),
        Dockerfile = "Dockerfile",
        WorkingDirectory = _dir,
        BaseImage = ImageReference.Parse("registry.example:5000/base/x:1"),
        Labels = new Dictionary<string, string> { [OciLabels.Created] = "mine" },
    };

    private sealed class FakeDocker : IDockerEngine
    {
        public DockerBuildParameters? Build { get; private set; }

        public string? PushedRepository { get; private set; }

        public string? PushedTag { get; private set; }

        public DockerRegistryAuth? PushAuth { get; private set; }

        public Task<string> NegotiateAsync(CancellationToken cancellationToken) => Task.FromResult("v1.41");

        public async Task<DockerBuildResult> BuildAsync(DockerBuildParameters parameters, Func<Stream, CancellationToken, Task> writeContext, IProgress<string>? output, CancellationToken cancellationToken)
        {
            Build = parameters;
            await writeContext(Stream.Null, cancellationToken);
            return new DockerBuildResult("sha256:abc", null);
        }

        public Task TagAsync(string source, string repository, string tag, CancellationToken cancellationToken) => Task.CompletedTask;

        public Task<string> PushAsync(string repository, string tag, DockerRegistryAuth? auth, IProgress<string>? output, CancellationToken cancellationToken)
        {
            (PushedRepository, PushedTag, PushAuth) = (repository, tag, auth);
            return Task.FromResult(Digest);
        }

        public Task<DockerImageInfo?> InspectImageAsync(string name, CancellationToken cancellationToken) => Task.FromResult<DockerImageInfo?>(null);

        public Task RemoveImageAsync(string name, CancellationToken cancellationToken) => Task.CompletedTask;
    }

    private sealed class Credentials(RegistryCredential credential) : IRegistryCredentialProvider
    {
        public ValueTask<RegistryCredential?> GetAsync(string registryHost, CancellationToken ct) => ValueTask.FromResult<RegistryCredential?>(credential);
    }

    private sealed class Probe(string? digest) : IRegistryDigestProbe
    {
        public Task<string?> GetDigestAsync(ImageReference reference, CancellationToken cancellationToken) => Task.FromResult(digest);
    }
}
