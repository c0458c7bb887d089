using System.Net;
using System.Net.Sockets;
using System.Security.Authentication;
using System.Text.Json;
using Docker.DotNet;
using ImageRoll.Util;

namespace ImageRoll.Docker;

/// <summary>The IR11xx errors for a failed Engine API call: the daemon's status and message, or why it was not reached.</summary>
internal static class DockerFailures
{
    public static ImageRollException ApiError(DockerApiException ex, string what)
    {
        var message = MessageOf(ex.ResponseBody);

        // The build endpoint answers 400 for a Dockerfile it cannot parse: the user's input, nothing was built.
        var badInput = what == "build" && ex.StatusCode == HttpStatusCode.BadRequest;
        return new ImageRollException(DockerErrors.ApiError, badInput ? FailureKind.BadInput : FailureKind.OperationFailed,
            $"Docker could not {what}: HTTP {(int)ex.StatusCode}: {message.Trim()}",
            badInput ? "Fix the Dockerfile or the build options named in the message."
                : ex.StatusCode == HttpStatusCode.NotFound ? "Check the image or tag name." : "See the daemon's message; dockerd's log has details.",
            ex);
    }

    public static ImageRollException Unreachable(DockerConnectionOptions options, Exception ex)
    {
        var why = ExceptionChain.Find<SocketException>(ex)?.Message ?? ExceptionChain.Find<AuthenticationException>(ex)?.Message ?? ExceptionChain.Find<IOException>(ex)?.Message ?? ex.Message;
        var hint = options.UseTls
            ? options.Context is null
                ? "Check that dockerd listens there with --tlsverify and that DOCKER_CERT_PATH holds ca.pem, cert.pem and key.pem it accepts."
                : $"Check that dockerd listens there with --tlsverify and accepts the certificates of the Docker context '{options.Context}'."
            : options.Endpoint.IsUnixSocket
                ? "Start the Docker daemon (dockerd), or set DOCKER_HOST to where it listens; the user needs access to the socket."
                : "Start the Docker daemon there, or set DOCKER_HOST to where it listens (TLS needs DOCKER_TLS_VERIFY=1 and DOCKER_CERT_PATH).";
        return new ImageRollException(DockerErrors.Unreachable, FailureKind.OperationFailed,
            $"Cannot connect to the Docker daemon at {options.Describe()}: {why}", hint, ex);
    }

    /// <summary>The Engine API's error body is <c>{"message": "..."}</c>; anything else is quoted as it came.</summary>
    private static string MessageOf(string? body)
    {
        if (string.IsNullOrWhiteSpace(body))
        {
            return string.Empty;
        }

        try
        {
            using var doc = JsonDocument.Parse(body);
            return doc.RootElement.ValueKind == JsonValueKind.Object
                && doc.RootElement.TryGetProperty("message", out var m) && m.ValueKind == JsonValueKind.String
                ? m.GetString() ?? body
                : body;
        }
        catch (JsonException)
        {
            return body;
        }
    }

}
