using System.Net;
using System.Text;
using ImageRoll.Docker;

namespace ImageRoll.Core.Tests.Docker;

public sealed class DockerEngineClientTests
{
    [Theory]
    [InlineData("1.43", "v1.41")]
    [InlineData("1.41", "v1.41")]
    [InlineData("1.40", "v1.40")]
    public async Task Api_version_is_negotiated_from_ping_and_capped_at_1_41(string server, string expected)
    {
        var handler = new FakeHandler(req => Ping(server));
        using var client = new DockerEngineClient(new DockerConnectionOptions(), handler, null);

        Assert.Equal(expected, await client.NegotiateAsync(TestContext.Current.CancellationToken));
        Assert.Equal(expected, await client.NegotiateAsync(TestContext.Current.CancellationToken));
        Assert.Single(handler.Requests);
    }

    [Fact]
    public async Task Daemon_older_than_1_30_is_IR1106()
    {
        using var client = new DockerEngineClient(new DockerConnectionOptions(), new FakeHandler(_ => Ping("1.24")), null);
        var ex = await Assert.ThrowsAsync<ImageRollException>(() => client.NegotiateAsync(TestContext.Current.CancellationToken));
        Assert.Equal("IR1106", ex.Code);
    }

    [Fact]
    public async Task Build_posts_the_streamed_context_with_the_docker_build_query()
    {
        string? query = null;
        byte[]? body = null;
        var handler = new FakeHandler(req =>
        {
            if (req.RequestUri!.AbsolutePath == "/_ping")
            {
                return Ping("1.41");
            }

            query = Uri.UnescapeDataString(req.RequestUri.Query);
            Assert.Null(req.Content!.Headers.ContentLength);
            Assert.Equal("application/x-tar", req.Content.Headers.ContentType!.MediaType);
            body = req.Content.ReadAsByteArrayAsync().GetAwaiter().GetResult();
            return Json("{\"aux\":{\"ID\":\"sha256:abc\"}}\r\n");
        });
        using var client = new DockerEngineClient(new DockerConnectionOptions(), handler, null);
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
        Assert.Equal(
            "?t=127.0.0.1:5000/apps/web:1&dockerfile=build/Dockerfile&buildargs={\"GREETING\":\"hi there\"}" +
            "&labels={\"org.opencontainers.image.revision\":\"abc\"}&target=final&pull=1&nocache=1&rm=1&forcerm=1",
            query);
        Assert.Equal("/v1.41/build", handler.Requests[1].RequestUri!.AbsolutePath);
    }

    [Fact]
    public async Task Push_always_sends_X_Registry_Auth_and_keeps_the_repository_path()
    {
        var handler = new FakeHandler(req => req.RequestUri!.AbsolutePath == "/_ping"
            ? Ping("1.41")
            : Json("{\"progressDetail\":{},\"aux\":{\"Tag\":\"1\",\"Digest\":\"sha256:1111111111111111111111111111111111111111111111111111111111111111\",\"Size\":1}}\r\n"));
        using var client = new DockerEngineClient(new DockerConnectionOptions(), handler, null);

        var digest = await client.PushAsync("127.0.0.1:5000/apps/web", "1", null, null, TestContext.Current.CancellationToken);

        var push = handler.Requests[1];
        Assert.Equal("/v1.41/images/127.0.0.1:5000/apps/web/push", push.RequestUri!.AbsolutePath);
        Assert.Equal("?tag=1", push.RequestUri.Query);
        Assert.Equal("e30=", push.Headers.GetValues("X-Registry-Auth").Single());
        Assert.StartsWith("sha256:1111", digest, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(HttpStatusCode.BadRequest, FailureKind.BadInput)]
    [InlineData(HttpStatusCode.InternalServerError, FailureKind.OperationFailed)]
    public async Task Api_error_status_is_IR1103_with_the_daemon_message(HttpStatusCode status, FailureKind kind)
    {
        var handler = new FakeHandler(req => req.RequestUri!.AbsolutePath == "/_ping"
            ? Ping("1.41")
            : new HttpResponseMessage(status) { Content = new StringContent("{\"message\":\"dockerfile parse error line 2: unknown instruction: RUNN\"}") });
        using var client = new DockerEngineClient(new DockerConnectionOptions(), handler, null);

        var ex = await Assert.ThrowsAsync<ImageRollException>(() =>
            client.BuildAsync(new DockerBuildParameters(), (_, _) => Task.CompletedTask, null, TestContext.Current.CancellationToken));
        Assert.Equal(("IR1103", kind), (ex.Code, ex.Kind));
        Assert.Contains("unknown instruction: RUNN", ex.Message, StringComparison.Ordinal);
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

    private static HttpResponseMessage Ping(string version)
    {
        var response = new HttpResponseMessage(HttpStatusCode.OK) { Content = new StringContent("OK") };
        response.Headers.Add("API-Version", version);
        return response;
    }

    private static HttpResponseMessage Json(string text) => new(HttpStatusCode.OK) { Content = new StringContent(text, Encoding.UTF8, "application/json") };

    private sealed class FakeHandler(Func<HttpRequestMessage, HttpResponseMessage> respond) : HttpMessageHandler
    {
        public List<HttpRequestMessage> Requests { get; } = [];

        protected override Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
        {
            Requests.Add(request);
            return Task.FromResult(respond(request));
        }
    }
}
