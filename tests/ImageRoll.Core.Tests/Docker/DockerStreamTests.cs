using ImageRoll.Docker;
using static ImageRoll.Core.Tests.Docker.FakeDockerDaemon;

namespace ImageRoll.Core.Tests.Docker;

/// <summary>
/// Build and push streams as Docker Engine 20.10 writes them (captured from the legacy builder and a push), read
/// through the client: a failed build or push still answers 200 and completes without the package throwing.
/// </summary>
public sealed class DockerStreamTests
{
    private const string SuccessfulBuild =
        "{\"stream\":\"Step 1/3 : FROM 127.0.0.1:5000/base/busybox:1\"}\r\n" +
        "{\"stream\":\"\\n\"}\r\n" +
        "{\"stream\":\" ---\\u003e 0a1b2c3d4e5f\\n\"}\r\n" +
        "{\"stream\":\"Step 2/3 : ARG GREETING\\n\"}\r\n" +
        "{\"stream\":\"Step 3/3 : RUN echo $GREETING \\u003e /g\\n ---\\u003e Running in 5e6f\\n\"}\r\n" +
        "{\"aux\":{\"ID\":\"sha256:7c9d3e1f00000000000000000000000000000000000000000000000000000001\"}}\r\n" +
        "{\"stream\":\"Successfully built 7c9d3e1f0000\\n\"}\r\n" +
        "{\"stream\":\"Successfully tagged 127.0.0.1:5000/apps/web:1\\n\"}\r\n";

    [Fact]
    public async Task Build_stream_yields_the_image_id_and_forwards_whole_lines()
    {
        var lines = new List<string>();
        var result = await BuildAsync(SuccessfulBuild, new SyncProgress(lines));

        Assert.Equal("sha256:7c9d3e1f00000000000000000000000000000000000000000000000000000001", result.ImageId);
        Assert.Equal("Step 3/3 : RUN echo $GREETING > /g", result.LastStep);
        Assert.Contains("Step 1/3 : FROM 127.0.0.1:5000/base/busybox:1", lines);
        Assert.Contains(" ---> Running in 5e6f", lines);
        Assert.Contains("Successfully tagged 127.0.0.1:5000/apps/web:1", lines);
    }

    [Fact]
    public async Task Failing_step_is_IR1104_with_the_step_and_the_daemon_message()
    {
        var failed =
            "{\"stream\":\"Step 1/5 : FROM busybox\\n\"}\r\n" +
            "{\"stream\":\"Step 3/5 : RUN exit 3\\n\"}\r\n" +
            "{\"stream\":\" ---\\u003e Running in abc\\n\"}\r\n" +
            "{\"errorDetail\":{\"code\":3,\"message\":\"The command '/bin/sh -c exit 3' returned a non-zero code: 3\"},\"error\":\"The command '/bin/sh -c exit 3' returned a non-zero code: 3\"}\r\n";

        var ex = await Assert.ThrowsAsync<ImageRollException>(() => BuildAsync(failed));

        Assert.Equal(("IR1104", FailureKind.OperationFailed), (ex.Code, ex.Kind));
        Assert.Contains("Step 3/5 : RUN exit 3", ex.Message, StringComparison.Ordinal);
        Assert.Contains("returned a non-zero code: 3", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Build_stream_without_an_image_id_is_IR1107()
    {
        var ex = await Assert.ThrowsAsync<ImageRollException>(() =>
            BuildAsync("{\"stream\":\"Step 1/1 : FROM x\\n\"}\r\n"));
        Assert.Equal("IR1107", ex.Code);
    }

    [Fact]
    public async Task Push_digest_comes_from_aux()
    {
        const string push =
            "{\"status\":\"The push refers to repository [127.0.0.1:5000/apps/web]\"}\r\n" +
            "{\"status\":\"Preparing\",\"progressDetail\":{},\"id\":\"3f2a\"}\r\n" +
            "{\"status\":\"Pushed\",\"progressDetail\":{},\"id\":\"3f2a\"}\r\n" +
            "{\"status\":\"1: digest: sha256:1111111111111111111111111111111111111111111111111111111111111111 size: 527\"}\r\n" +
            "{\"progressDetail\":{},\"aux\":{\"Tag\":\"1\",\"Digest\":\"sha256:2222222222222222222222222222222222222222222222222222222222222222\",\"Size\":527}}\r\n";
        var lines = new List<string>();

        var digest = await PushAsync(push, new SyncProgress(lines));

        Assert.Equal("sha256:2222222222222222222222222222222222222222222222222222222222222222", digest);
        Assert.DoesNotContain("Preparing", lines);
        Assert.Contains("The push refers to repository [127.0.0.1:5000/apps/web]", lines);
    }

    [Fact]
    public async Task Push_digest_falls_back_to_the_status_line()
    {
        const string push = "{\"status\":\"1: digest: sha256:1111111111111111111111111111111111111111111111111111111111111111 size: 527\"}\r\n";
        var digest = await PushAsync(push);
        Assert.Equal("sha256:1111111111111111111111111111111111111111111111111111111111111111", digest);
    }

    [Fact]
    public async Task Push_error_is_IR1105_with_a_login_hint_when_unauthorized()
    {
        const string push = "{\"errorDetail\":{\"message\":\"unauthorized: authentication required\"},\"error\":\"unauthorized: authentication required\"}\r\n";
        var ex = await Assert.ThrowsAsync<ImageRollException>(() => PushAsync(push));
        Assert.Equal("IR1105", ex.Code);
        Assert.Contains("unauthorized", ex.Message, StringComparison.Ordinal);
        Assert.Contains("credentials", ex.Hint, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Stream_that_is_not_json_is_IR1107_naming_the_cause()
    {
        var ex = await Assert.ThrowsAsync<ImageRollException>(() => BuildAsync("<html>502 Bad Gateway</html>\r\n"));
        Assert.Equal(("IR1107", FailureKind.OperationFailed), (ex.Code, ex.Kind));
        Assert.Contains("not the Engine API's JSON", ex.Message, StringComparison.Ordinal);
    }

    private static async Task<DockerBuildResult> BuildAsync(string stream, IProgress<string>? output = null)
    {
        using var client = new DockerEngineClient(new DockerConnectionOptions(), new FakeDockerDaemon(_ => Json(stream)), null);
        return await client.BuildAsync(new DockerBuildParameters(), (_, _) => Task.CompletedTask, output, TestContext.Current.CancellationToken);
    }

    private static async Task<string> PushAsync(string stream, IProgress<string>? output = null)
    {
        using var client = new DockerEngineClient(new DockerConnectionOptions(), new FakeDockerDaemon(_ => Json(stream)), null);
        return await client.PushAsync("apps/web", "1", null, output, TestContext.Current.CancellationToken);
    }

    private sealed class SyncProgress(List<string> lines) : IProgress<string>
    {
        public void Report(string value) => lines.Add(value);
    }
}
