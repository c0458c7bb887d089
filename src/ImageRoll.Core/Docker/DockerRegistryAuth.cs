using System.Text.Json;
using System.Text.Json.Serialization;
using Docker.DotNet.Models;

namespace ImageRoll.Docker;

/// <summary>
/// The credential the daemon uses against a registry: moby api/types/registry AuthConfig, sent base64url-encoded in
/// <c>X-Registry-Auth</c> (push) and, keyed by server address, in <c>X-Registry-Config</c> (build). Never logged;
/// <see cref="ToString"/> hides the secrets.
/// </summary>
public sealed record DockerRegistryAuth
{
    [JsonPropertyName("username")]
    public string? Username { get; init; }

    [JsonPropertyName("password")]
    public string? Password { get; init; }

    [JsonPropertyName("identitytoken")]
    public string? IdentityToken { get; init; }

    [JsonPropertyName("serveraddress")]
    public string? ServerAddress { get; init; }

    /// <summary>The X-Registry-Config value for a build: credentials by registry address.</summary>
    public static string EncodeConfigHeader(IReadOnlyDictionary<string, DockerRegistryAuth> auths) =>
        Base64Url(JsonSerializer.SerializeToUtf8Bytes(new Dictionary<string, DockerRegistryAuth>(auths), DockerJsonContext.Default.DictionaryStringDockerRegistryAuth));

    public override string ToString() => $"DockerRegistryAuth {{ ServerAddress = {ServerAddress}, Username = {Username}, secrets hidden }}";

    /// <summary>The package's shape, which it encodes into X-Registry-Auth (base64url, as moby's DecodeAuthConfig reads).</summary>
    internal AuthConfig ToAuthConfig() => new()
    {
        Username = Username,
        Password = Password,
        IdentityToken = IdentityToken,
        ServerAddress = ServerAddress,
    };

    // moby api/types/registry DecodeAuthConfig uses base64.URLEncoding (with padding).
    private static string Base64Url(byte[] bytes) => Convert.ToBase64String(bytes).Replace('+', '-').Replace('/', '_');
}
