using System.Net;
using System.Net.Sockets;
using ImageRoll.Net;
using ImageRoll.Util;

namespace ImageRoll.Registry;

/// <summary>
/// The registry area's error codes (IR1000-IR1099). Each message names the registry (and repository when known);
/// each hint says what the user can do. No message ever carries a credential or token.
/// </summary>
public static class RegistryErrors
{
    public const string Unreachable = "IR1000";
    public const string TlsFailed = "IR1001";
    public const string AuthenticationFailed = "IR1002";
    public const string AccessDenied = "IR1003";
    public const string ManifestNotFound = "IR1004";
    public const string DigestMismatch = "IR1005";
    public const string UnexpectedResponse = "IR1006";
    public const string TokenServiceFailed = "IR1007";
    public const string RetriesExhausted = "IR1008";
    public const string BlobRejected = "IR1009";
    public const string UnsupportedMediaType = "IR1010";
    public const string NotARegistry = "IR1011";
    public const string BadCaBundle = "IR1012";
    public const string BadInsecureRegistry = "IR1013";
    public const string BadArchive = "IR1014";
    public const string BadPushTarget = "IR1015";
    public const string DestinationDigest = "IR1016";

    /// <summary>The credential helper configured for the registry is not on PATH (exit 3).</summary>
    public const string CredentialHelperMissing = "IR1080";

    /// <summary>The credential helper failed or answered something that is not a credential (exit 3).</summary>
    public const string CredentialHelperFailed = "IR1081";

    /// <summary>The registry auth file (Docker config.json, REGISTRY_AUTH_FILE) is not valid JSON of the expected shape (exit 2).</summary>
    public const string BadAuthFile = "IR1082";

    /// <summary>An auth entry of the auth file is not base64 of USER:PASSWORD (exit 2).</summary>
    public const string BadAuthEntry = "IR1083";

    internal const string LoginHint =
        "Log in with 'docker login {0}' (or podman login; ImageRoll reads $DOCKER_CONFIG/config.json, ~/.docker/config.json and $REGISTRY_AUTH_FILE), or set IMAGEROLL_REGISTRY_USERNAME and IMAGEROLL_REGISTRY_PASSWORD.";

    public static ImageRollException Tls(string host, Exception inner) => new(
        TlsFailed,
        FailureKind.OperationFailed,
        $"TLS verification of registry {host} failed: {TlsFailure.Describe(inner)}.",
        $"If its certificate is signed by a private CA, pass --registry-ca FILE (a PEM bundle of that CA); for a test registry without valid TLS, pass --insecure-registry {host}.",
        inner);

    public static ImageRollException Login(string host, string? username, string detail) => new(
        AuthenticationFailed,
        FailureKind.OperationFailed,
        username is null
            ? $"Registry {host} requires authentication and no credentials for it were found ({detail})."
            : $"Registry {host} rejected the credentials of user '{username}' ({detail}).",
        string.Format(System.Globalization.CultureInfo.InvariantCulture, LoginHint, host));

    public static ImageRollException Denied(string host, string what, string? username) => new(
        AccessDenied,
        FailureKind.OperationFailed,
        $"Registry {host} denied access to {what}{(username is null ? " for anonymous access" : $" for user '{username}'")}.",
        $"Check that the account may pull/push that repository; " + string.Format(System.Globalization.CultureInfo.InvariantCulture, LoginHint, host));

    public static ImageRollException Unexpected(string host, string what, HttpStatusCode status, string? body) => new(
        UnexpectedResponse,
        FailureKind.OperationFailed,
        $"Registry {host} answered {(int)status} {status} to {what}{Describe(body)}.",
        "Re-run with --verbosity d to see the requests; check the registry's own log.");

    /// <summary>
    /// A failed connection in plain words, naming the peer: "the registry at HOST refused the connection (nothing
    /// listens on that port)", or the bound that ran out (<see cref="StalledException"/>), never an exception type.
    /// </summary>
    internal static string ConnectionFailure(string authority, Exception ex, string peer = "the registry")
    {
        for (var e = ex; e is not null; e = e.InnerException)
        {
            if (e is StalledException stalled)
            {
                return stalled.Message;
            }

            if (e is SocketException socket)
            {
                return socket.SocketErrorCode switch
                {
                    SocketError.ConnectionRefused => $"{peer} at {authority} refused the connection (nothing listens on that port)",
                    SocketError.ConnectionReset or SocketError.ConnectionAborted => $"{peer} at {authority} dropped the connection",
                    SocketError.HostNotFound or SocketError.NoData or SocketError.TryAgain => $"the host of {peer} at {authority} does not resolve to an address",
                    SocketError.NetworkUnreachable or SocketError.HostUnreachable => $"there is no network route to {peer} at {authority}",
                    SocketError.TimedOut => $"{peer} at {authority} did not accept a connection in time",
                    _ => $"the connection to {peer} at {authority} failed ({socket.Message})",
                };
            }
        }

        var innermost = ExceptionChain.Innermost(ex);
        return innermost is EndOfStreamException or IOException && ex is HttpRequestException { HttpRequestError: HttpRequestError.ResponseEnded }
            ? $"{peer} at {authority} closed the connection before answering"
            : $"the connection to {peer} at {authority} failed ({innermost.Message.TrimEnd('.')})";
    }

    internal static string Describe(string? body)
    {
        if (string.IsNullOrWhiteSpace(body))
        {
            return string.Empty;
        }

        var text = body.ReplaceLineEndings(" ").Trim();
        return ": " + (text.Length > 300 ? text[..300] + "..." : text);
    }

}
