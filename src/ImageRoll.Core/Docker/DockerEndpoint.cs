namespace ImageRoll.Docker;

/// <summary>
/// Where the Docker daemon listens, parsed from <c>DOCKER_HOST</c> the way the docker CLI accepts it
/// (docker/cli opts/hosts.go, ParseHost): <c>unix:///path</c> or <c>tcp://HOST:PORT</c>; an empty value means the
/// default socket <c>unix:///var/run/docker.sock</c>. <c>npipe://</c> and <c>ssh://</c> are not supported here.
/// </summary>
public sealed record DockerEndpoint
{
    public const string DefaultUnixSocket = "/var/run/docker.sock";

    // docker/cli opts/hosts.go: DefaultHTTPPort 2375, DefaultTLSHTTPPort 2376.
    private const int DefaultTcpPort = 2375;
    private const int DefaultTlsPort = 2376;

    private DockerEndpoint(string original, string? socketPath, string? host, int port)
    {
        Original = original;
        SocketPath = socketPath;
        Host = host;
        Port = port;
    }

    /// <summary>The value as given (or the default), for messages.</summary>
    public string Original { get; }

    /// <summary>The unix socket path, or null for TCP.</summary>
    public string? SocketPath { get; }

    /// <summary>The TCP host, or null for a unix socket.</summary>
    public string? Host { get; }

    public int Port { get; }

    public bool IsUnixSocket => SocketPath is not null;

    public static DockerEndpoint Default { get; } = new("unix://" + DefaultUnixSocket, DefaultUnixSocket, null, 0);

    /// <summary>
    /// Parses a DOCKER_HOST value, or a Docker context's <c>Endpoints.docker.Host</c> when <paramref name="context"/>
    /// names the context; <paramref name="tls"/> picks the default TCP port (2376 vs 2375).
    /// </summary>
    public static DockerEndpoint Parse(string? value, bool tls = false, string? context = null)
    {
        if (string.IsNullOrWhiteSpace(value))
        {
            return Default;
        }

        var text = value.Trim();
        if (text.StartsWith("unix://", StringComparison.Ordinal))
        {
            var path = text["unix://".Length..];
            if (path.Length == 0 || path[0] != '/')
            {
                throw Malformed(value, context, "a unix socket needs an absolute path: unix:///var/run/docker.sock");
            }

            return new DockerEndpoint(text, path, null, 0);
        }

        if (text.StartsWith("tcp://", StringComparison.Ordinal))
        {
            var rest = text["tcp://".Length..].TrimEnd('/');
            if (rest.Contains('/', StringComparison.Ordinal))
            {
                // docker/cli rejects a path on a tcp host ("path is not supported").
                throw Malformed(value, context, "tcp://HOST:PORT takes no path");
            }

            if (!Uri.TryCreate("tcp://" + rest, UriKind.Absolute, out var uri) || string.IsNullOrEmpty(uri.Host) || uri.UserInfo.Length > 0)
            {
                throw Malformed(value, context, "expected tcp://HOST:PORT");
            }

            var port = uri.IsDefaultPort || uri.Port <= 0 ? (tls ? DefaultTlsPort : DefaultTcpPort) : uri.Port;
            if (rest.EndsWith(':'))
            {
                throw Malformed(value, context, "the port is empty");
            }

            return new DockerEndpoint(text, null, uri.IdnHost.Trim('[', ']'), port);
        }

        var scheme = text.Contains("://", StringComparison.Ordinal) ? text[..text.IndexOf("://", StringComparison.Ordinal)] : null;
        throw Malformed(value, context, scheme is null
            ? "it has no scheme: use unix:///path/to/docker.sock or tcp://HOST:PORT"
            : $"the scheme '{scheme}' is not supported: use unix:// or tcp://");
    }

    public override string ToString() => IsUnixSocket ? "unix://" + SocketPath : $"tcp://{Host}:{Port}";

    private static ImageRollException Malformed(string value, string? context, string why) => context is null
        ? new(
            DockerErrors.MalformedHost,
            FailureKind.BadInput,
            $"DOCKER_HOST '{value}' is malformed: {why}.",
            "Set DOCKER_HOST to unix:///var/run/docker.sock or tcp://HOST:PORT (with DOCKER_TLS_VERIFY=1 and DOCKER_CERT_PATH for TLS), or unset it.")
        : new(
            DockerErrors.MalformedHost,
            FailureKind.BadInput,
            $"The Docker context '{context}' has the endpoint '{value}', which ImageRoll cannot use: {why}.",
            $"Point the context at unix:///PATH or tcp://HOST:PORT (docker context update {context} --docker host=...), or choose another with DOCKER_CONTEXT or DOCKER_HOST.");
}
