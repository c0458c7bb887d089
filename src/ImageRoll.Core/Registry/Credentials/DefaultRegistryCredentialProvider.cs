using System.Collections.Concurrent;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;

namespace ImageRoll.Registry.Credentials;

/// <summary>
/// The credential sources of the tools a CI job already uses, in this order:
/// 1. <c>IMAGEROLL_REGISTRY_USERNAME</c>/<c>IMAGEROLL_REGISTRY_PASSWORD</c>, for every registry or, when
///    <c>IMAGEROLL_REGISTRY</c> is set, only that one;
/// 2. podman/skopeo: <c>$REGISTRY_AUTH_FILE</c>, else <c>$XDG_RUNTIME_DIR/containers/auth.json</c>;
/// 3. Docker: <c>$DOCKER_CONFIG/config.json</c>, else <c>~/.docker/config.json</c>.
/// In each file: <c>credHelpers[host]</c>, then <c>auths[host]</c>, then <c>credsStore</c>. The first source that
/// has the host wins; none means anonymous. The environment is a lookup function so tests and the CLI inject it.
/// </summary>
public sealed class DefaultRegistryCredentialProvider : IRegistryCredentialProvider
{
    public const string UsernameVariable = "IMAGEROLL_REGISTRY_USERNAME";
    public const string PasswordVariable = "IMAGEROLL_REGISTRY_PASSWORD";
    public const string RegistryVariable = "IMAGEROLL_REGISTRY";

    /// <summary>
    /// Removes ImageRoll's registry login variables from a child's environment (an exec credential plugin, a Docker
    /// credential helper): the child does not read them, and a process's environment is readable through
    /// /proc/PID/environ and lands in the child's own debug logs (docs/secrets.md).
    /// </summary>
    public static void WithholdFrom(IDictionary<string, string?> environment)
    {
        ArgumentNullException.ThrowIfNull(environment);
        environment.Remove(UsernameVariable);
        environment.Remove(PasswordVariable);
    }

    private readonly Func<string, string?> _environment;
    private readonly ILogger _logger;
    private readonly ConcurrentDictionary<string, CredentialLookup?> _cache = new(StringComparer.OrdinalIgnoreCase);

    public DefaultRegistryCredentialProvider(Func<string, string?> environment, ILogger? logger = null)
    {
        ArgumentNullException.ThrowIfNull(environment);
        _environment = environment;
        _logger = logger ?? NullLogger.Instance;
    }

    /// <summary>How long a credential helper may take before it counts as failed.</summary>
    public TimeSpan HelperTimeout { get; init; } = TimeSpan.FromSeconds(30);

    /// <summary>A provider over this process's environment.</summary>
    public static DefaultRegistryCredentialProvider FromProcessEnvironment(ILogger? logger = null) =>
        new(Environment.GetEnvironmentVariable, logger);

    public async ValueTask<RegistryCredential?> GetAsync(string registryHost, CancellationToken ct) =>
        (await FindAsync(registryHost, ct).ConfigureAwait(false))?.Credential;

    /// <summary>Like <see cref="GetAsync"/>, also saying which source answered. Answers are cached per host.</summary>
    public async ValueTask<CredentialLookup?> FindAsync(string registryHost, CancellationToken ct)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(registryHost);
        var host = RegistryHosts.Normalize(registryHost);
        if (_cache.TryGetValue(host, out var cached))
        {
            return cached;
        }

        var found = await LookUpAsync(host, ct).ConfigureAwait(false);
        if (found is null)
        {
            _logger.LogDebug("No credentials for {Registry}; going anonymous", host);
        }
        else
        {
            _logger.LogDebug("Credentials for {Registry} from {Source}", host, found.Source);
        }

        _cache[host] = found;
        return found;
    }

    /// <summary>The auth files consulted, in order (existing or not).</summary>
    public IReadOnlyList<string> AuthFilePaths()
    {
        var paths = new List<string>();
        if (Env("REGISTRY_AUTH_FILE") is { } authFile)
        {
            paths.Add(authFile);
        }
        else if (Env("XDG_RUNTIME_DIR") is { } runtimeDir)
        {
            paths.Add(Path.Combine(runtimeDir, "containers", "auth.json"));
        }

        if (Env("DOCKER_CONFIG") is { } dockerConfig)
        {
            paths.Add(Path.Combine(dockerConfig, "config.json"));
        }
        else if ((Env("HOME") ?? Env("USERPROFILE")) is { } home)
        {
            paths.Add(Path.Combine(home, ".docker", "config.json"));
        }

        return paths;
    }

    private async Task<CredentialLookup?> LookUpAsync(string host, CancellationToken ct)
    {
        if (FromVariables(host) is { } fromEnv)
        {
            return fromEnv;
        }

        foreach (var path in AuthFilePaths())
        {
            if (AuthFile.TryLoad(path) is not { } file)
            {
                continue;
            }

            if (file.HelperFor(host) is { } helper)
            {
                var credential = await CredentialHelper.GetAsync(helper, host, _environment, HelperTimeout, ct).ConfigureAwait(false);
                if (credential is not null)
                {
                    return new CredentialLookup(credential, $"docker-credential-{helper} (credHelpers in {path})");
                }
            }

            if (file.InlineFor(host) is { } inline)
            {
                return new CredentialLookup(inline, $"{path} (auths)");
            }

            if (file.CredsStore is { } store)
            {
                var credential = await CredentialHelper.GetAsync(store, host, _environment, HelperTimeout, ct).ConfigureAwait(false);
                if (credential is not null)
                {
                    return new CredentialLookup(credential, $"docker-credential-{store} (credsStore in {path})");
                }
            }
        }

        return null;
    }

    private CredentialLookup? FromVariables(string host)
    {
        var username = Env(UsernameVariable);
        var password = Env(PasswordVariable);
        if (username is null || password is null)
        {
            return null;
        }

        if (Env(RegistryVariable) is { } only && !RegistryHosts.KeyMatches(only, host))
        {
            return null;
        }

        return new CredentialLookup(new RegistryCredential(username, password, null), UsernameVariable);
    }

    private string? Env(string name) => _environment(name) is { Length: > 0 } value ? value : null;
}
