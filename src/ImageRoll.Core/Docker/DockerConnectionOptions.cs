namespace ImageRoll.Docker;

/// <summary>
/// How to reach the daemon, resolved as the docker CLI does: a non-empty <c>DOCKER_HOST</c> selects the default
/// context (<c>DOCKER_HOST</c>, <c>DOCKER_TLS_VERIFY</c>, <c>DOCKER_TLS</c>, <c>DOCKER_CERT_PATH</c>); otherwise
/// <c>DOCKER_CONTEXT</c> or the current context of the docker CLI's config.json (<see cref="DockerContextStore"/>).
/// As in docker/cli (cli/flags/options.go), DOCKER_TLS_VERIFY counts as set when it is non-empty, whatever its value,
/// and the certificates default to ~/.docker.
/// </summary>
public sealed record DockerConnectionOptions
{
    public DockerEndpoint Endpoint { get; init; } = DockerEndpoint.Default;

    /// <summary>Use TLS (tcp:// only).</summary>
    public bool UseTls { get; init; }

    /// <summary>Verify the daemon's certificate (against ca.pem when there is one).</summary>
    public bool VerifyServer { get; init; }

    /// <summary>Folder holding ca.pem, cert.pem, key.pem (a context's TLS folder for a named context).</summary>
    public string? CertPath { get; init; }

    /// <summary>The docker CLI context the endpoint comes from, or null for the default context (the environment).</summary>
    public string? Context { get; init; }

    /// <summary>How the endpoint was chosen, for messages ("DOCKER_HOST", "default", "context NAME from DOCKER_CONTEXT").</summary>
    public string Source { get; init; } = "default";

    /// <summary>
    /// The default context reads DOCKER_CERT_PATH/ca.pem and fails without it (docker/cli TLSDataFromFiles); a named
    /// context without ca.pem in its TLS folder verifies against the system roots.
    /// </summary>
    public bool RequiresCaFile => Context is null;

    public static DockerConnectionOptions FromEnvironment(Func<string, string?> env)
    {
        ArgumentNullException.ThrowIfNull(env);
        var host = env("DOCKER_HOST");
        if (string.IsNullOrEmpty(host))
        {
            var configDirectory = DockerContextStore.ConfigDirectory(env);
            if (DockerContextStore.CurrentContext(env, configDirectory) is { } context)
            {
                return DockerContextStore.Load(context.Name, context.From, configDirectory);
            }
        }

        var verify = !string.IsNullOrEmpty(env("DOCKER_TLS_VERIFY"));
        var tls = verify || !string.IsNullOrEmpty(env("DOCKER_TLS"));
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
