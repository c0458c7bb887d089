using ImageRoll.IntegrationTests.Infrastructure;
using ImageRoll.IntegrationTests.Registry;

namespace ImageRoll.IntegrationTests.Build;

/// <summary><c>imageroll build</c> as CI runs it: the digest reference is the last stdout line; failures exit 2 or 3 with IR11xx.</summary>
public sealed class BuildCliTests : IDisposable
{
    private readonly string _dir = Directory.CreateTempSubdirectory("imageroll-buildcli-").FullName;

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    /// <summary>
    /// In-process, and the native AOT tool (Docker.DotNet's unix-socket and TLS transports, the JSON stream, the
    /// registry check, all compiled ahead of time) over the unix socket and over TCP with TLS client certificates.
    /// </summary>
    [Theory]
    [InlineData(CliHost.InProcess, false)]
    [InlineData(CliHost.Native, false)]
    [InlineData(CliHost.Native, true)]
    public async Task Build_with_a_dockerfile_prints_the_verified_digest_reference_as_the_last_line(CliHost host, bool tls)
    {
        var busybox = await BaseImages.BusyboxAsync();
        File.WriteAllText(Path.Combine(_dir, "Dockerfile"), "ARG BASE_IMAGE\nFROM ${BASE_IMAGE}\nARG V\nRUN echo \"$V\" > /v\n");
        var image = $"{TestServices.Registry}/cli/dockerfile:{Guid.NewGuid():N}"[..^20];
        var env = tls
            ? new Dictionary<string, string?> { ["DOCKER_HOST"] = TestServices.DockerHostTcp, ["DOCKER_TLS_VERIFY"] = "1", ["DOCKER_CERT_PATH"] = TestServices.DockerCertPathTcp }
            : new Dictionary<string, string?> { ["DOCKER_HOST"] = TestServices.DockerHostUnix };

        var result = await ImageRollCli.RunAsync(
            host,
            env,
            "build", "--image", image, "--dockerfile", Path.Combine(_dir, "Dockerfile"), "--base-image", busybox,
            "--build-arg", "V=1", "--label", "com.example.cli=yes", "--insecure-registry", TestServices.Registry);

        result.EnsureSuccess();
        var digest = await Skopeo.DigestAsync(image);
        Assert.Equal($"{image[..image.LastIndexOf(':')]}@{digest}", result.LastStdoutLine);
        Assert.Contains("Step 1/", result.Stderr, StringComparison.Ordinal);
        await ExternalTool.RunAsync("docker", ["rmi", image], cancellationToken: TestContext.Current.CancellationToken);
    }

    [Fact]
    public async Task Existing_builder_resolves_a_tag_to_the_digest_the_registry_serves()
    {
        var busybox = await BaseImages.BusyboxAsync();

        var result = await ImageRollCli.RunAsync(new Dictionary<string, string?>(),
            "build", "--builder", "existing", "--image", busybox, "--insecure-registry", TestServices.Registry, "--output", "json");

        result.EnsureSuccess();
        using var json = System.Text.Json.JsonDocument.Parse(result.Stdout);
        Assert.Equal(await Skopeo.DigestAsync(busybox), json.RootElement.GetProperty("digest").GetString());
        Assert.Equal("existing", json.RootElement.GetProperty("builder").GetString());
    }

    [Theory]
    [InlineData(CliHost.Portable)]
    [InlineData(CliHost.Native)]
    public async Task Unreachable_docker_daemon_exits_3_with_IR1101_naming_the_socket(CliHost host)
    {
        File.WriteAllText(Path.Combine(_dir, "Dockerfile"), "FROM scratch\n");
        var socket = Path.Combine(_dir, "no-daemon.sock");

        var result = await ImageRollCli.RunProcessAsync(
            host,
            new Dictionary<string, string?> { ["DOCKER_HOST"] = "unix://" + socket },
            "build", "--image", $"{TestServices.Registry}/cli/unreachable:1", "--dockerfile", Path.Combine(_dir, "Dockerfile"));

        Assert.Equal(3, result.ExitCode);
        Assert.Contains("error IR1101:", result.Stderr, StringComparison.Ordinal);
        Assert.Contains($"unix://{socket} (DOCKER_HOST)", result.Stderr, StringComparison.Ordinal);
        Assert.Equal(string.Empty, result.Stdout);
    }

    [Theory]
    [InlineData(CliHost.Portable)]
    [InlineData(CliHost.Native)]
    public async Task Malformed_DOCKER_HOST_exits_2_with_IR1100_naming_the_value(CliHost host)
    {
        File.WriteAllText(Path.Combine(_dir, "Dockerfile"), "FROM scratch\n");

        var result = await ImageRollCli.RunProcessAsync(
            host,
            new Dictionary<string, string?> { ["DOCKER_HOST"] = "localhost:2375" },
            "build", "--image", $"{TestServices.Registry}/cli/malformed:1", "--dockerfile", Path.Combine(_dir, "Dockerfile"));

        Assert.Equal(2, result.ExitCode);
        Assert.Contains("error IR1100: DOCKER_HOST 'localhost:2375' is malformed", result.Stderr, StringComparison.Ordinal);
    }
}
