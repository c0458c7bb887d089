using System.Net;
using System.Net.Http.Headers;
using System.Security.Cryptography;
using System.Text.Json;

namespace ImageRoll.ClusterSimulator.Controllers.Images;

/// <summary>
/// What the cluster's image import asks a registry (openshift/library-go pkg/image/registryclient, as used by
/// openshift-apiserver's imagestreamimport): GET the manifest with the full Accept list (OCI and Docker, manifest and
/// index; without it distribution 2.8 hides OCI manifests and converts Docker v2 to schema1). Loopback registries are
/// reached over plain HTTP, as a cluster configured with them as insecure registries would; <c>insecure</c> also
/// allows plain HTTP (and unverified TLS) for others. With import mode Legacy an index yields its linux/amd64 child,
/// with PreserveOriginal the index itself. A registry that answers 401 gets the login of the namespace's pull
/// secrets for its host (<see cref="PullSecrets"/>): Basic for a Basic challenge, or the distribution token flow for a
/// Bearer challenge (GET realm?service=S&amp;scope=repository:R:pull with Basic, then the token; distribution
/// docs/spec/auth/token.md), as library-go's registry client does.
/// </summary>
public sealed class RegistryImageLookup : IDisposable
{
    private static readonly string[] Accept =
    [
        "application/vnd.oci.image.manifest.v1+json",
        "application/vnd.oci.image.index.v1+json",
        "application/vnd.docker.distribution.manifest.v2+json",
        "application/vnd.docker.distribution.manifest.list.v2+json",
    ];

    private readonly HttpClient _verified = new() { Timeout = TimeSpan.FromSeconds(10) };
    private readonly HttpClient _unverified = new(new HttpClientHandler { ServerCertificateCustomValidationCallback = (_, _, _, _) => true }) { Timeout = TimeSpan.FromSeconds(10) };

    public async Task<ImportOutcome> ImportAsync(string pullSpec, bool insecure, string importMode, CancellationToken cancellationToken,
        Func<string, (string User, string Password)?>? logins = null)
    {
        var (registry, repository, reference) = Split(pullSpec);
        var loopback = IsLoopback(registry);
        var scheme = loopback ? "http" : "https";
        var client = insecure ? _unverified : _verified;
        try
        {
            var (status, mediaType, body) = await GetManifestAsync(client, scheme, registry, repository, reference, logins?.Invoke(registry), cancellationToken).ConfigureAwait(false);
            if (status is HttpStatusCode.Unauthorized or HttpStatusCode.Forbidden)
            {
                return ImportOutcome.Failure("Unauthorized", $"you may not have access to the container image \"{pullSpec}\"");
            }

            if (status == HttpStatusCode.NotFound)
            {
                return ImportOutcome.Failure("NotFound", $"dockerimage.image.openshift.io \"{pullSpec}\" not found");
            }

            if (status != HttpStatusCode.OK)
            {
                return ImportOutcome.Failure("InternalError", $"Internal error occurred: {registry}: unexpected status {(int)status} fetching manifest {reference}");
            }

            var digest = Digest(body);
            var isIndex = mediaType is "application/vnd.oci.image.index.v1+json" or "application/vnd.docker.distribution.manifest.list.v2+json";
            if (isIndex && importMode != "PreserveOriginal")
            {
                var child = PlatformChild(body, "linux", "amd64");
                if (child is null)
                {
                    return ImportOutcome.Failure("InternalError", $"Internal error occurred: the manifest list {pullSpec} has no image for linux/amd64");
                }

                digest = child;
            }

            return ImportOutcome.Success(digest, $"{registry}/{repository}@{digest}");
        }
        catch (Exception ex) when (ex is HttpRequestException or TaskCanceledException && !cancellationToken.IsCancellationRequested)
        {
            return ImportOutcome.Failure("InternalError", $"Internal error occurred: Get \"{scheme}://{registry}/v2/\": {ex.Message}");
        }
    }

    public void Dispose()
    {
        _verified.Dispose();
        _unverified.Dispose();
    }

    internal static (string Registry, string Repository, string Reference) Split(string pullSpec)
    {
        var name = pullSpec;
        var reference = "latest";
        var at = name.IndexOf('@', StringComparison.Ordinal);
        if (at >= 0)
        {
            reference = name[(at + 1)..];
            name = name[..at];
        }
        else if (name.LastIndexOf(':') is var colon && colon > name.LastIndexOf('/'))
        {
            reference = name[(colon + 1)..];
            name = name[..colon];
        }

        var slash = name.IndexOf('/', StringComparison.Ordinal);
        var first = slash < 0 ? string.Empty : name[..slash];
        if (first.Contains('.', StringComparison.Ordinal) || first.Contains(':', StringComparison.Ordinal) || first == "localhost")
        {
            return (first, name[(slash + 1)..], reference);
        }

        return ("docker.io", name.Contains('/', StringComparison.Ordinal) ? name : "library/" + name, reference);
    }

    private static bool IsLoopback(string registry)
    {
        var host = registry.StartsWith('[') ? registry[..(registry.IndexOf(']', StringComparison.Ordinal) + 1)] : registry.Split(':')[0];
        return host is "localhost" or "[::1]" || host.StartsWith("127.", StringComparison.Ordinal);
    }

    private static async Task<(HttpStatusCode Status, string? MediaType, byte[] Body)> GetManifestAsync(
        HttpClient client, string scheme, string registry, string repository, string reference, (string User, string Password)? login, CancellationToken cancellationToken)
    {
        using var response = await RegistryLogin.SendAsync(client, () =>
        {
            var request = new HttpRequestMessage(HttpMethod.Get, $"{scheme}://{registry}/v2/{repository}/manifests/{reference}");
            foreach (var type in Accept)
            {
                request.Headers.Accept.Add(new MediaTypeWithQualityHeaderValue(type));
            }

            return request;
        }, repository, login, cancellationToken).ConfigureAwait(false);
        var body = await response.Content.ReadAsByteArrayAsync(cancellationToken).ConfigureAwait(false);
        return (response.StatusCode, response.Content.Headers.ContentType?.MediaType, body);
    }

    private static string Digest(byte[] body) => "sha256:" + Convert.ToHexStringLower(SHA256.HashData(body));

    private static string? PlatformChild(byte[] index, string os, string architecture)
    {
        using var doc = JsonDocument.Parse(index);
        if (!doc.RootElement.TryGetProperty("manifests", out var manifests))
        {
            return null;
        }

        foreach (var m in manifests.EnumerateArray())
        {
            if (m.TryGetProperty("platform", out var p)
                && p.TryGetProperty("os", out var o) && o.GetString() == os
                && p.TryGetProperty("architecture", out var a) && a.GetString() == architecture)
            {
                return m.GetProperty("digest").GetString();
            }
        }

        return null;
    }
}
