using System.Text.RegularExpressions;
using ImageRoll.IntegrationTests.Build;
using ImageRoll.IntegrationTests.Infrastructure;

namespace ImageRoll.IntegrationTests.SimulatorControllers;

/// <summary>
/// Small images for the docker kubelet, made from the local busybox base (build/base-images.sh) with <c>docker
/// commit --change</c> (a CMD and ENV, no build step), pushed to the test registry and removed from the daemon so
/// that the kubelet really pulls them. Each distinct script is one image per test run.
/// </summary>
public static partial class KubeletImages
{
    private static readonly Dictionary<string, Lazy<Task<string>>> Built = new(StringComparer.Ordinal);

    /// <summary>Serves /www on 8080 (busybox httpd): / says "hello from VERSION", /healthz answers 200.</summary>
    public static Task<string> WebAsync(string version) => BuildAsync("web-" + version, $"""
        mkdir -p /www && echo "hello from {version}" > /www/index.html && echo ok > /www/healthz && exec httpd -f -p 8080 -h /www
        """);

    /// <summary>Serves / on 8080 but /healthz answers 503 Service Unavailable (a busybox httpd CGI script).</summary>
    public static Task<string> UnhealthyAsync() => BuildAsync("unhealthy", """
        mkdir -p /www/cgi-bin && echo up > /www/index.html && printf '#!/bin/sh\nprintf "HTTP/1.0 503 Service Unavailable\\r\\n\\r\\n"\n' > /www/cgi-bin/healthz && chmod +x /www/cgi-bin/healthz && exec httpd -f -p 8080 -h /www
        """);

    /// <summary>Prints a line and exits with <paramref name="exitCode"/> right away.</summary>
    public static Task<string> CrashingAsync(int exitCode) => BuildAsync("crash-" + exitCode, $"echo starting; echo boom >&2; exit {exitCode}");

    /// <summary>The digest reference REG/kubelet/NAME@sha256:... of an image running <c>sh -c SCRIPT</c>.</summary>
    private static Task<string> BuildAsync(string name, string script)
    {
        lock (Built)
        {
            if (!Built.TryGetValue(name, out var image))
            {
                image = new Lazy<Task<string>>(() => CommitAndPushAsync(name, script));
                Built[name] = image;
            }

            return image.Value;
        }
    }

    private static async Task<string> CommitAndPushAsync(string name, string script)
    {
        var baseImage = await BaseImages.BusyboxAsync();
        var tag = $"{TestServices.Registry}/kubelet/{name}:{Guid.NewGuid():N}"[..^20];
        var container = $"imageroll-kubelet-image-{Guid.NewGuid():N}"[..40];
        (await Docker("pull", "-q", baseImage)).EnsureSuccess("docker pull");
        (await Docker("create", "--name", container, baseImage)).EnsureSuccess("docker create");
        try
        {
            var cmd = System.Text.Json.JsonSerializer.Serialize(new[] { "sh", "-c", script });
            (await Docker("commit", "--change", $"CMD {cmd}", "--change", "EXPOSE 8080", container, tag)).EnsureSuccess("docker commit");
        }
        finally
        {
            await Docker("rm", "-f", container);
        }

        var pushed = (await Docker("push", tag)).EnsureSuccess("docker push");
        await Docker("rmi", tag);
        var digest = PushedDigest().Match(pushed.Stdout);
        Assert.True(digest.Success, $"no digest in the docker push output:\n{pushed.Stdout}");
        return $"{tag[..tag.LastIndexOf(':')]}@{digest.Groups[1].Value}";
    }

    private static Task<ToolResult> Docker(params string[] args) =>
        ExternalTool.RunAsync("docker", args, environment: new Dictionary<string, string> { ["DOCKER_HOST"] = TestServices.DockerHostUnix }, timeout: TimeSpan.FromMinutes(2));

    [GeneratedRegex("digest: (sha256:[0-9a-f]{64})")]
    private static partial Regex PushedDigest();
}
