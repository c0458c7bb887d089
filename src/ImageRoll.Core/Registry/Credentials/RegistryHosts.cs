namespace ImageRoll.Registry.Credentials;

/// <summary>
/// Registry host names as credential stores key them. Docker Hub has three names: <c>docker.io</c> in references,
/// <c>registry-1.docker.io</c> for the API, and <c>https://index.docker.io/v1/</c> as the key <c>docker login</c>
/// writes (docker/cli cli/config/configfile, registry.IndexServer).
/// </summary>
public static class RegistryHosts
{
    /// <summary>The key under which the Docker CLI stores Docker Hub logins (auths and credential helpers).</summary>
    public const string DockerHubIndexServer = "https://index.docker.io/v1/";

    /// <summary>The host that serves Docker Hub's registry API.</summary>
    public const string DockerHubApiHost = "registry-1.docker.io";

    private static readonly string[] DockerHubAliases = ["docker.io", "index.docker.io", "registry-1.docker.io"];

    public static bool IsDockerHub(string host) => DockerHubAliases.Contains(Normalize(host), StringComparer.OrdinalIgnoreCase);

    /// <summary>The host to send API requests to: <c>registry-1.docker.io</c> for Docker Hub, else the host itself.</summary>
    public static string ApiHost(string registry) => IsDockerHub(registry) ? DockerHubApiHost : registry;

    /// <summary>
    /// A config key reduced to HOST[:PORT] as docker/cli's ConvertToHostname does: the scheme and any path
    /// (<c>/v1/</c>, <c>/v2/</c>) are dropped, so <c>http://host:5000/v2/</c> is <c>host:5000</c>.
    /// </summary>
    public static string Normalize(string key)
    {
        ArgumentNullException.ThrowIfNull(key);
        var host = key.Trim();
        var scheme = host.IndexOf("://", StringComparison.Ordinal);
        if (scheme >= 0)
        {
            host = host[(scheme + 3)..];
        }

        var slash = host.IndexOf('/', StringComparison.Ordinal);
        return (slash >= 0 ? host[..slash] : host).ToLowerInvariant();
    }

    /// <summary>True when a config key names <paramref name="host"/> (Docker Hub's aliases count as one host).</summary>
    public static bool KeyMatches(string key, string host)
    {
        var a = Normalize(key);
        var b = Normalize(host);
        return a == b || (IsDockerHub(a) && IsDockerHub(b));
    }

    /// <summary>The server name to hand a credential helper for <paramref name="host"/>, as <c>docker login</c> stored it.</summary>
    public static string HelperServerName(string host) => IsDockerHub(host) ? DockerHubIndexServer : Normalize(host);
}
