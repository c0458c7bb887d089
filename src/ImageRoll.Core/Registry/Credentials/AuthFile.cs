using System.Text;
using System.Text.Json;

namespace ImageRoll.Registry.Credentials;

/// <summary>
/// A Docker <c>config.json</c> or a containers <c>auth.json</c> (podman, skopeo, buildah; same shape):
/// <c>auths</c> (<c>auth</c> = base64 user:password, or <c>username</c>/<c>password</c>, <c>identitytoken</c>),
/// <c>credHelpers</c> (host to helper name) and <c>credsStore</c> (the default helper). See docker/cli
/// cli/config/configfile/file.go and containers/image pkg/docker/config/config.go.
/// </summary>
internal sealed class AuthFile
{
    private AuthFile(string path, Dictionary<string, JsonElement> auths, Dictionary<string, string> credHelpers, string? credsStore)
    {
        Path = path;
        Auths = auths;
        CredHelpers = credHelpers;
        CredsStore = credsStore;
    }

    public string Path { get; }

    public Dictionary<string, JsonElement> Auths { get; }

    public Dictionary<string, string> CredHelpers { get; }

    public string? CredsStore { get; }

    /// <summary>Reads the file, or returns null when it does not exist. Malformed JSON is IR1082 naming the file.</summary>
    public static AuthFile? TryLoad(string path)
    {
        if (!File.Exists(path))
        {
            return null;
        }

        try
        {
            using var doc = JsonDocument.Parse(File.ReadAllBytes(path), new JsonDocumentOptions { AllowTrailingCommas = true, CommentHandling = JsonCommentHandling.Skip });
            var root = doc.RootElement;
            if (root.ValueKind != JsonValueKind.Object)
            {
                throw Malformed(path, "the top level is not a JSON object");
            }

            var auths = new Dictionary<string, JsonElement>(StringComparer.Ordinal);
            if (root.TryGetProperty("auths", out var a) && a.ValueKind == JsonValueKind.Object)
            {
                foreach (var p in a.EnumerateObject())
                {
                    auths[p.Name] = p.Value.Clone();
                }
            }

            var helpers = new Dictionary<string, string>(StringComparer.Ordinal);
            if (root.TryGetProperty("credHelpers", out var h) && h.ValueKind == JsonValueKind.Object)
            {
                foreach (var p in h.EnumerateObject().Where(p => p.Value.ValueKind == JsonValueKind.String))
                {
                    helpers[p.Name] = p.Value.GetString()!;
                }
            }

            var store = root.TryGetProperty("credsStore", out var s) && s.ValueKind == JsonValueKind.String ? s.GetString() : null;
            return new AuthFile(path, auths, helpers, string.IsNullOrWhiteSpace(store) ? null : store);
        }
        catch (JsonException ex)
        {
            throw Malformed(path, ex.Message);
        }
    }

    /// <summary>The helper configured for <paramref name="host"/> in credHelpers (exact key first).</summary>
    public string? HelperFor(string host) => Find(CredHelpers, host) is { } key ? CredHelpers[key] : null;

    /// <summary>
    /// The credential stored inline under auths for <paramref name="host"/>, or null when there is no entry or the
    /// entry is empty (with a credsStore, <c>docker login</c> leaves <c>"host": {}</c> as a marker).
    /// </summary>
    public RegistryCredential? InlineFor(string host)
    {
        if (Find(Auths, host) is not { } key || Auths[key].ValueKind != JsonValueKind.Object)
        {
            return null;
        }

        var entry = Auths[key];
        var username = Str(entry, "username");
        var password = Str(entry, "password");
        var identityToken = Str(entry, "identitytoken");
        if (Str(entry, "auth") is { Length: > 0 } auth)
        {
            (username, password) = DecodeAuth(auth, key);
        }

        if (string.IsNullOrEmpty(username) && string.IsNullOrEmpty(password) && string.IsNullOrEmpty(identityToken))
        {
            return null;
        }

        return new RegistryCredential(username, password, string.IsNullOrEmpty(identityToken) ? null : identityToken);
    }

    private (string User, string Password) DecodeAuth(string auth, string key)
    {
        string decoded;
        try
        {
            decoded = Encoding.UTF8.GetString(Convert.FromBase64String(auth.Trim()));
        }
        catch (FormatException)
        {
            throw new ImageRollException(RegistryErrors.BadAuthEntry, FailureKind.BadInput,
                $"The 'auth' value for '{key}' in {Path} is not valid base64.",
                $"Log in again (docker login {RegistryHosts.Normalize(key)}) or fix the entry: auth is base64 of USER:PASSWORD.");
        }

        var colon = decoded.IndexOf(':', StringComparison.Ordinal);
        if (colon < 0)
        {
            throw new ImageRollException(RegistryErrors.BadAuthEntry, FailureKind.BadInput,
                $"The 'auth' value for '{key}' in {Path} does not decode to USER:PASSWORD.",
                $"Log in again (docker login {RegistryHosts.Normalize(key)}) or fix the entry: auth is base64 of USER:PASSWORD.");
        }

        return (decoded[..colon], decoded[(colon + 1)..]);
    }

    private static string? Find<T>(Dictionary<string, T> map, string host)
    {
        if (map.ContainsKey(host))
        {
            return host;
        }

        return map.Keys.Order(StringComparer.Ordinal).FirstOrDefault(k => RegistryHosts.KeyMatches(k, host));
    }

    private static string? Str(JsonElement e, string name) =>
        e.TryGetProperty(name, out var v) && v.ValueKind == JsonValueKind.String ? v.GetString() : null;

    private static ImageRollException Malformed(string path, string why) =>
        new(RegistryErrors.BadAuthFile, FailureKind.BadInput, $"Registry auth file {path} is not valid: {why}.",
            "Fix or remove the file; it must be a JSON object like {\"auths\": {\"HOST\": {\"auth\": \"BASE64(USER:PASSWORD)\"}}}.");
}
