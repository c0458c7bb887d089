using ImageRoll.Build;
using ImageRoll.Docker;
using ImageRoll.Images;
using ImageRoll.IntegrationTests.Infrastructure;
using ImageRoll.Registry;
using ImageRoll.Registry.Credentials;

namespace ImageRoll.IntegrationTests.Build;

/// <summary>
/// Pushes through the real Docker daemon to the htpasswd + TLS test registry: the credential from ImageRoll's
/// credential sources reaches the daemon only in X-Registry-Auth. The daemon trusts the test CA through
/// /etc/docker/certs.d/HOST:PORT/ca.crt, which it reads at push time (no restart), removed afterwards.
/// </summary>
public sealed class AuthRegistryBuildTests : IDisposable
{
    private readonly string _dir = Directory.CreateTempSubdirectory("imageroll-authbuild-").FullName;
    private readonly string _certsDir;

    public AuthRegistryBuildTests()
    {
        _certsDir = Path.Combine("/etc/docker/certs.d", TestServices.AuthRegistry);
        Directory.CreateDirectory(_certsDir);
        File.Copy(TestServices.RegistryCa, Path.Combine(_certsDir, "ca.crt"), overwrite: true);
    }

    public void Dispose()
    {
        Directory.Delete(_dir, recursive: true);
        Directory.Delete(_certsDir, recursive: true);
    }

    [Fact]
    public async Task Push_to_an_authenticated_registry_uses_X_Registry_Auth_from_the_credential_sources()
    {
        var (builder, image) = await PrepareAsync(TestServices.AuthPassword);

        var result = await builder.BuildAsync(Request(image), TestContext.Current.CancellationToken);

        var inspect = await ExternalTool.RunAsync("skopeo",
            ["inspect", "--cert-dir", _certsDir, "--creds", $"{TestServices.AuthUser}:{TestServices.AuthPassword}", "--format", "{{.Digest}}", "docker://" + image],
            cancellationToken: TestContext.Current.CancellationToken);
        Assert.Equal(result.Image.Digest, inspect.EnsureSuccess("skopeo inspect").Stdout.Trim());
        await ExternalTool.RunAsync("docker", ["rmi", image.ToString()], cancellationToken: TestContext.Current.CancellationToken);
    }

    [Fact]
    public async Task Wrong_password_fails_the_push_with_IR1105_and_never_prints_the_password()
    {
        const string wrong = "not-the-password-4711";
        var (builder, image) = await PrepareAsync(wrong);

        var ex = await Assert.ThrowsAsync<ImageRollException>(() => builder.BuildAsync(Request(image), TestContext.Current.CancellationToken));

        Assert.Equal(("IR1105", FailureKind.OperationFailed), (ex.Code, ex.Kind));
        Assert.DoesNotContain(wrong, ex.ToString(), StringComparison.Ordinal);
        await ExternalTool.RunAsync("docker", ["rmi", image.ToString()], cancellationToken: TestContext.Current.CancellationToken);
    }

    private async Task<(DockerfileImageBuilder Builder, ImageReference Image)> PrepareAsync(string password)
    {
        var busybox = await BaseImages.BusyboxAsync();
        File.WriteAllText(Path.Combine(_dir, "Dockerfile"), $"FROM {busybox}\nRUN echo authenticated > /auth\n");
        var env = new Dictionary<string, string?>
        {
            [DefaultRegistryCredentialProvider.UsernameVariable] = TestServices.AuthUser,
            [DefaultRegistryCredentialProvider.PasswordVariable] = password,
            [DefaultRegistryCredentialProvider.RegistryVariable] = TestServices.AuthRegistry,
        };
        var credentials = new DefaultRegistryCredentialProvider(n => env.GetValueOrDefault(n));
        var session = new RegistrySession(new RegistryClientOptions { CaBundlePath = TestServices.RegistryCa, Credentials = credentials });
        var docker = new DockerEngineClient(DockerConnectionOptions.FromEnvironment(n => n == "DOCKER_HOST" ? TestServices.DockerHostUnix : null));
        var image = ImageReference.Parse($"{TestServices.AuthRegistry}/auth/app:{Guid.NewGuid():N}"[..^20]);
        return (new DockerfileImageBuilder(docker, credentials, new RegistryDigestProbe(session)), image);
    }

    private ImageBuildRequest Request(ImageReference image) => new()
    {
        Image = image,
        Dockerfile = Path.Combine(_dir, "Dockerfile"),
        WorkingDirectory = _dir,
    };
}
