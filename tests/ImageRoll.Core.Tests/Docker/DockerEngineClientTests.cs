using System.Net;
using System.Text;
using System.Text.Json;
using ImageRoll.Docker;
using static ImageRoll.Core.Tests.Docker.FakeDockerDaemon;

namespace ImageRoll.Core.Tests.Docker;

public sealed class DockerEngineClientTests
{
    private const string BuiltId = "{\"aux\":{\"ID\":\"sha256:abc\"}}\r\n";
    private const string PushedDigest = "{\"progressDetail\":{},\"aux\":{\"Tag\":\"1\",\"Digest\":\"sha256:1111111111111111111111111111111111111111111111111111111111111111\",\"Size\":1}}\r\n";

    [Theory]
    [InlineData("1.43", "1.12", "v1.41")]
    [InlineData("1.41", "1.12", "v1.41")]
    [InlineData("1.40", "1.12", "v1.40")]
    [InlineData("1.52", "1.44", "v1.44")]
    public async Task Api_version_is_negotiated_from_the_daemon_and_capped_at_1_41(string server, string min, string expected)
    {
        var daemon = new FakeDockerDaemon(server, _ => Task.FromResult(Json("{}")), min);
        using var client = new DockerEngineClient(new DockerConnectionOptions(), daemon, null);

        Assert.Equal(expected, await client.NegotiateAsync(TestContext.Current.CancellationToken));
        Assert.Equal(expected, await client.NegotiateAsync(TestContext.Current.CancellationToken));
        Assert.Single(daemon.Requests);
    }

    [Fact]
    public async Task Daemon_older_than_1_30_is_IR1106()
    {
        using var client = new DockerEngineClient(new DockerConnectionOptions(), new FakeDockerDaemon("1.24", _ => Task.FromResult(Json("{}"))), null);
        var ex = await Assert.ThrowsAsync<ImageRollException>(() => client.NegotiateAsync(TestContext.Current.CancellationToken));
        Assert.Equal("IR1106", ex.Code);
    }

    [Fact]
    public async Task Build_posts_the_streamed_context_with_the_docker_build_query()
    {
        byte[]? body = null;
        var daemon = new FakeDockerDaemon("1.41", async req =>
        {
            Assert.Null(req.Content!.Headers.ContentLength);
            Assert.Equal("application/x-tar", req.Content.Headers.ContentType!.MediaType);
            body = await req.Content.ReadAsByteArrayAsync();
            return Json(BuiltId);
        });
        using var client = new DockerEngineClient(new DockerConnectionOptions(), daemon, null);
        var parameters = new DockerBuildParameters
        {
            Tags = ["127.0.0.1:5000/apps/web:1"],
            Dockerfile = "build/Dockerfile",
            BuildArgs = new Dictionary<string, string> { ["GREETING"] = "hi there" },
            Labels = new Dictionary<string, string> { ["org.opencontainers.image.revision"] = "abc" },
            Target = "final",
            Pull = true,
            NoCache = true,
        };

        var result = await client.BuildAsync(parameters, (s, ct) => s.WriteAsync("TAR"u8.ToArray(), ct).AsTask(), null, TestContext.Current.CancellationToken);

        Assert.Equal("sha256:abc", result.ImageId);
        Assert.Equal("TAR", Encoding.ASCII.GetString(body!));
        var build = daemon.ApiRequests.Single();
        Assert.Equal("/v1.41/build", build.RequestUri!.AbsolutePath);
        Assert.Equal(
            new Dictionary<string, string>
            {
                ["t"] = "127.0.0.1:5000/apps/web:1",
                ["dockerfile"] = "build/Dockerfile",
                ["buildargs"] = "{\"GREETING\":\"hi there\"}",
                ["labels"] = "{\"org.opencontainers.image.revision\":\"abc\"}",
                ["target"] = "final",
                ["pull"] = "1",
                ["nocache"] = "1",
                ["rm"] = "1",
                ["forcerm"] = "1",
                ["version"] = "1",
            },
            Query(build));
    }

    [Fact]
    public async Task Build_sends_pull_credentials_in_X_Registry_Config_as_base64url()
    {
        var daemon = new FakeDockerDaemon(_ => Json(BuiltId));
        using var client = new DockerEngineClient(new DockerConnectionOptions(), daemon, null);
        var auth = new DockerRegistryAuth { Username = "u", Password = "p>?>", ServerAddress = "127.0.0.1:5000" };

        await client.BuildAsync(
            new DockerBuildParameters { RegistryAuths = new Dictionary<string, DockerRegistryAuth> { ["127.0.0.1:5000"] = auth } },
            (_, _) => Task.CompletedTask, null, TestContext.Current.CancellationToken);

        // moby decodes X-Registry-Config with base64.URLEncoding and silently drops what it cannot decode.
        var header = daemon.ApiRequests.Single().Headers.GetValues("X-Registry-Config").Single();
        Assert.DoesNotContain('+', header);
        Assert.DoesNotContain('/', header);
        using var json = JsonDocument.Parse(Convert.FromBase64String(header.Replace('-', '+').Replace('_', '/')));
        Assert.Equal("p>?>", json.RootElement.GetProperty("127.0.0.1:5000").GetProperty("password").GetString());
    }

    [Fact]
    public async Task Context_producer_failure_is_reported_instead_of_the_transport_error()
    {
        var daemon = new FakeDockerDaemon("1.41", async req =>
        {
            await req.Content!.ReadAsByteArrayAsync();
            return Json(BuiltId);
        });
        using var client = new DockerEngineClient(new DockerConnectionOptions(), daemon, null);

        var ex = await Assert.ThrowsAsync<ImageRollException>(() => client.BuildAsync(new DockerBuildParameters(), async (s, ct) =>
        {
            await s.WriteAsync(new byte[100_000], ct);
            throw new ImageRollException("IR1110", FailureKind.BadInput, "bad pattern");
        }, null, TestContext.Current.CancellationToken));

        Assert.Equal(("IR1110", "bad pattern"), (ex.Code, ex.Message));
    }

    [Fact]
    public async Task Push_always_sends_X_Registry_Auth_and_keeps_the_repository_path()
    {
        var daemon = new FakeDockerDaemon(_ => Json(PushedDigest));
        using var client = new DockerEngineClient(new DockerConnectionOptions(), daemon, null);

        var digest = await client.PushAsync("127.0.0.1:5000/apps/web", "1", null, null, TestContext.Current.CancellationToken);

        var push = daemon.ApiRequests.Single();
        Assert.Equal("/v1.41/images/127.0.0.1:5000/apps/web/push", push.RequestUri!.AbsolutePath);
        Assert.Equal("?tag=1", push.RequestUri.Query);
        Assert.Equal("e30=", push.Headers.GetValues("X-Registry-Auth").Single());
        Assert.StartsWith("sha256:1111", digest, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Push_credential_is_base64url_json_and_tostring_hides_the_secret()
    {
        var daemon = new FakeDockerDaemon(_ => Json(PushedDigest));
        using var client = new DockerEngineClient(new DockerConnectionOptions(), daemon, null);
        var auth = new DockerRegistryAuth { Username = "u", Password = "p>?>", ServerAddress = "127.0.0.1:5000" };

        await client.PushAsync("127.0.0.1:5000/apps/web", "1", auth, null, TestContext.Current.CancellationToken);

        var header = daemon.ApiRequests.Single().Headers.GetValues("X-Registry-Auth").Single();
        Assert.DoesNotContain('+', header);
        Assert.DoesNotContain('/', header);
        using var json = JsonDocument.Parse(Convert.FromBase64String(header.Replace('-', '+').Replace('_', '/')));
        Assert.Equal(("u", "p>?>", "127.0.0.1:5000"), (
            json.RootElement.GetProperty("username").GetString(),
            json.RootElement.GetProperty("password").GetString(),
            json.RootElement.GetProperty("serveraddress").GetString()));
        Assert.DoesNotContain("p>?>", auth.ToString(), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(HttpStatusCode.BadRequest, FailureKind.BadInput)]
    [InlineData(HttpStatusCode.InternalServerError, FailureKind.OperationFailed)]
    public async Task Api_error_status_is_IR1103_with_the_daemon_message(HttpStatusCode status, FailureKind kind)
    {
        var daemon = new FakeDockerDaemon(_ => Json("{\"message\":\"dockerfile parse error line 2: unknown instruction: RUNN\"}", status));
        using var client = new DockerEngineClient(new DockerConnectionOptions(), daemon, null);

        var ex = await Assert.ThrowsAsync<ImageRollException>(() =>
            client.BuildAsync(new DockerBuildParameters(), (_, _) => Task.CompletedTask, null, TestContext.Current.CancellationToken));
        Assert.Equal(("IR1103", kind), (ex.Code, ex.Kind));
        Assert.Contains("unknown instruction: RUNN", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Inspect_returns_the_labels_and_null_for_a_missing_image()
    {
        var daemon = new FakeDockerDaemon(req => req.RequestUri!.AbsolutePath.Contains("missing", StringComparison.Ordinal)
            ? Json("{\"message\":\"No such image: missing:1\"}", HttpStatusCode.NotFound)
            : Json("{\"Id\":\"sha256:abc\",\"RepoTags\":[\"web:1\"],\"RepoDigests\":[],\"Config\":{\"Labels\":{\"team\":\"platform\"}}}"));
        using var client = new DockerEngineClient(new DockerConnectionOptions(), daemon, null);

        var image = await client.InspectImageAsync("web:1", TestContext.Current.CancellationToken);

        Assert.Equal(("sha256:abc", "platform"), (image!.Id, image.Labels["team"]));
        Assert.Equal("/v1.41/images/web:1/json", daemon.ApiRequests.First().RequestUri!.AbsolutePath);
        Assert.Null(await client.InspectImageAsync("missing:1", TestContext.Current.CancellationToken));
    }

    [Fact]
    public async Task Remove_forces_and_ignores_a_missing_image()
    {
        var daemon = new FakeDockerDaemon(_ => Json("{\"message\":\"No such image\"}", HttpStatusCode.NotFound));
        using var client = new DockerEngineClient(new DockerConnectionOptions(), daemon, null);

        await client.RemoveImageAsync("web:1", TestContext.Current.CancellationToken);

        var remove = daemon.ApiRequests.Single();
        Assert.Equal((HttpMethod.Delete, "/v1.41/images/web:1", "?force=1"), (remove.Method, remove.RequestUri!.AbsolutePath, remove.RequestUri.Query));
    }

    [Fact]
    public async Task Unreachable_socket_is_IR1101_naming_the_endpoint()
    {
        var path = Path.Combine(Path.GetTempPath(), $"imageroll-missing-{Guid.NewGuid():N}.sock");
        using var client = new DockerEngineClient(new DockerConnectionOptions { Endpoint = DockerEndpoint.Parse("unix://" + path), Source = "DOCKER_HOST" });
        var ex = await Assert.ThrowsAsync<ImageRollException>(() => client.NegotiateAsync(TestContext.Current.CancellationToken));
        Assert.Equal(("IR1101", FailureKind.OperationFailed), (ex.Code, ex.Kind));
        Assert.Contains("unix://" + path + " (DOCKER_HOST)", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Unreachable_tcp_port_is_IR1101_naming_the_endpoint()
    {
        using var listener = new System.Net.Sockets.TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        var port = ((IPEndPoint)listener.LocalEndpoint).Port;
        listener.Stop();
        using var client = new DockerEngineClient(new DockerConnectionOptions { Endpoint = DockerEndpoint.Parse($"tcp://127.0.0.1:{port}"), Source = "DOCKER_HOST" });

        var ex = await Assert.ThrowsAsync<ImageRollException>(() => client.NegotiateAsync(TestContext.Current.CancellationToken));

        Assert.Equal(("IR1101", FailureKind.OperationFailed), (ex.Code, ex.Kind));
        Assert.Contains($"tcp://127.0.0.1:{port} (DOCKER_HOST)", ex.Message, StringComparison.Ordinal);
    }

    private static Dictionary<string, string> Query(HttpRequestMessage request) => request.RequestUri!.Query.TrimStart('?')
        .Split('&')
        .Select(p => p.Split('=', 2))
        .ToDictionary(p => Uri.UnescapeDataString(p[0]), p => Uri.UnescapeDataString(p[1]));
}
