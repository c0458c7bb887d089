namespace ImageRoll.Docker;

/// <summary>
/// How to reach the daemon: the docker CLI's environment (DOCKER_HOST, DOCKER_TLS_VERIFY, DOCKER_TLS,
/// DOCKER_CERT_PATH). As in docker/cli (cli/flags/options.go), DOCKER_TLS_VERIFY counts as set when it is non-empty,
/// whatever its value, and the certificates default to ~/.docker.
/// </summary>
public sealed record DockerConnectionOptions
{
    public DockerEndpoint Endpoint { get; init; } = DockerEndpoint.Default;

    /// <summary>Use TLS (tcp:// only).</summary>
    public bool UseTls { get; init; }

    /// <summary>Verify the daemon's certificate against ca.pem (DOCKER_TLS_VERIFY).</summary>
    public bool VerifyServer { get; init; }

    /// <summary>Folder holding ca.pem, cert.pem, key.pem.</summary>
    public string? CertPath { get; init; }

    /// <summary>How the endpoint was chosen, for messages ("DOCKER_HOST" or "default").</summary>
    public string Source { get; init; } = "default";

    public static DockerConnectionOptions FromEnvironment(Func<string, string?> env)
    {
        ArgumentNullException.ThrowIfNull(env);
        var verify = !string.IsNullOrEmpty(env("DOCKER_TLS_VERIFY"));
        var tls = verify || !string.IsNullOrEmpty(env("DOCKER_TLS"));
        var host = env("DOCKER_HOST");
        var certPath = env("DOCKER_CERT_PATH");
        if (string.IsNullOrEmpty(certPath))
        {
            var home = env("HOME") ?? Environment.GetFolderPath(Environment.SpecialFolder.UserProfile);
            certPath = Path.Combine(home, ".docker");
        }

        var endpoint = DockerEndpoint.Parse(host, tls);
        return new DockerConnectionOptions
        {
            Endpoint = endpoint,
            UseTls = tls && !endpoint.IsUnixSocket,
            VerifyServer = verify,
            CertPath = certPath,
            Source = string.IsNullOrWhiteSpace(host) ? "default" : "DOCKER_HOST",
        };
    }

    /// <summary>What was tried, for the unreachable message: "tcp://127.0.0.1:2376 (DOCKER_HOST, TLS)".</summary>
    public string Describe() => $"{Endpoint} ({Source}{(UseTls ? VerifyServer ? ", TLS verified" : ", TLS" : string.Empty)})";
}
