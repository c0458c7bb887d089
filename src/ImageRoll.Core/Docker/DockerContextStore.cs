using System.Security.Cryptography;
using System.Text;
using System.Text.Json;

namespace ImageRoll.Docker;

/// <summary>
/// The docker CLI's context store, read-only: which context is current and what its Docker endpoint is.
/// <list type="bullet">
/// <item>The current context (docker/cli cli/command/cli.go, resolveContextName): a non-empty <c>DOCKER_HOST</c>
/// means the default context; else <c>DOCKER_CONTEXT</c>; else <c>currentContext</c> in <c>config.json</c>; else
/// "default". The config folder is <c>DOCKER_CONFIG</c> or <c>~/.docker</c> (cli/config/config.go, Dir).</item>
/// <item>A context's metadata is <c>contexts/meta/SHA256(name)/meta.json</c> (cli/context/store/metadatastore.go):
/// <c>{"Name":..,"Endpoints":{"docker":{"Host":..,"SkipTLSVerify":..}}}</c>, read case-insensitively as Go's
/// encoding/json does. Its TLS material is <c>contexts/tls/SHA256(name)/docker/{ca,cert,key}.pem</c>
/// (cli/context/store/tlsstore.go); the endpoint uses TLS when that folder exists or SkipTLSVerify is set, with
/// ca.pem (when present) replacing the system roots (cli/context/docker/load.go, tlsConfig).</item>
/// </list>
/// </summary>
internal static class DockerContextStore
{
    public const string DefaultContext = "default";

    /// <summary>The docker CLI's configuration folder.</summary>
    public static string ConfigDirectory(Func<string, string?> env)
    {
        if (env("DOCKER_CONFIG") is { Length: > 0 } dir)
        {
            return dir;
        }

        var home = env("HOME") is { Length: > 0 } h ? h : Environment.GetFolderPath(Environment.SpecialFolder.UserProfile);
        return Path.Combine(home, ".docker");
    }

    /// <summary>
    /// The current context's name and where it was chosen ("DOCKER_CONTEXT" or the config.json path), or null when
    /// it is the default context. DOCKER_HOST is checked by the caller (it selects the default context).
    /// </summary>
    public static (string Name, string From)? CurrentContext(Func<string, string?> env, string configDirectory)
    {
        if (env("DOCKER_CONTEXT") is { Length: > 0 } fromEnv)
        {
            return fromEnv == DefaultContext ? null : (fromEnv, "DOCKER_CONTEXT");
        }

        var configFile = Path.Combine(configDirectory, "config.json");
        string? current = null;
        try
        {
            using var doc = JsonDocument.Parse(File.ReadAllBytes(configFile));
            if (doc.RootElement.ValueKind == JsonValueKind.Object
                && Property(doc.RootElement, "currentContext") is { ValueKind: JsonValueKind.String } value)
            {
                current = value.GetString();
            }
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException or JsonException)
        {
            // docker/cli warns about an unreadable config.json and goes on with an empty one (cli/config/config.go,
            // LoadDefaultConfigFile); a missing file is the common case.
        }

        return string.IsNullOrEmpty(current) || current == DefaultContext ? null : (current, configFile);
    }

    /// <summary>Reads a named context's Docker endpoint into connection options.</summary>
    public static DockerConnectionOptions Load(string name, string from, string configDirectory)
    {
        var id = Convert.ToHexString(SHA256.HashData(Encoding.UTF8.GetBytes(name))).ToLowerInvariant();
        var metaFile = Path.Combine(configDirectory, "contexts", "meta", id, "meta.json");
        var source = $"context {name} from {(from == "DOCKER_CONTEXT" ? from : "config.json")}";
        JsonElement docker;
        try
        {
            using var doc = JsonDocument.Parse(File.ReadAllBytes(metaFile));
            var endpoints = doc.RootElement.ValueKind == JsonValueKind.Object ? Property(doc.RootElement, "Endpoints") : null;
            docker = (endpoints is { ValueKind: JsonValueKind.Object } e ? Property(e, "docker") : null) is { ValueKind: JsonValueKind.Object } d
                ? d.Clone()
                : throw Invalid(name, from, $"{metaFile} has no docker endpoint (Endpoints.docker)", null);
        }
        catch (Exception ex) when (ex is FileNotFoundException or DirectoryNotFoundException)
        {
            throw Invalid(name, from, $"the context does not exist (no {metaFile})", ex);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException or JsonException)
        {
            throw Invalid(name, from, $"{metaFile} cannot be read: {ex.Message}", ex);
        }

        var host = Property(docker, "Host") is { ValueKind: JsonValueKind.String } h ? h.GetString() : null;
        var skipVerify = Property(docker, "SkipTLSVerify") is { ValueKind: JsonValueKind.True };
        var tlsDirectory = Path.Combine(configDirectory, "contexts", "tls", id, "docker");
        var tls = Directory.Exists(tlsDirectory) || skipVerify;

        // An empty Host is the client's default socket (cli/context/docker/load.go only sets a host when non-empty).
        var endpoint = DockerEndpoint.Parse(host, tls, name);
        return new DockerConnectionOptions
        {
            Endpoint = endpoint,
            UseTls = tls && !endpoint.IsUnixSocket,
            VerifyServer = !skipVerify,
            CertPath = tlsDirectory,
            Context = name,
            Source = source,
        };
    }

    /// <summary>Go's encoding/json matches field names case-insensitively; so does this.</summary>
    private static JsonElement? Property(JsonElement obj, string name)
    {
        foreach (var p in obj.EnumerateObject())
        {
            if (string.Equals(p.Name, name, StringComparison.OrdinalIgnoreCase))
            {
                return p.Value;
            }
        }

        return null;
    }

    private static ImageRollException Invalid(string name, string from, string why, Exception? inner) => new(
        DockerErrors.ContextInvalid,
        FailureKind.BadInput,
        from == "DOCKER_CONTEXT"
            ? $"The Docker context '{name}' named by DOCKER_CONTEXT cannot be used: {why}."
            : $"The current Docker context '{name}' (currentContext in {from}) cannot be used: {why}.",
        from == "DOCKER_CONTEXT"
            ? "Unset DOCKER_CONTEXT or set it to a context `docker context ls` lists; DOCKER_HOST overrides contexts."
            : "Switch to an existing context (`docker context use default`), or set DOCKER_HOST or DOCKER_CONTEXT.",
        inner);
}
