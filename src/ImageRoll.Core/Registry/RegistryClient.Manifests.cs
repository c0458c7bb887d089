using System.Net;
using System.Net.Http.Headers;
using System.Text.Json;
using ImageRoll.Images;

namespace ImageRoll.Registry;

public sealed partial class RegistryClient
{
    // Distribution 2.8 answers a manifest request without the OCI types with 404 for OCI manifests and converts Docker
    // v2 manifests to schema1 (a different digest): always send MediaTypes.ManifestAcceptTypes
    // (distribution/distribution v2.8 registry/handlers/manifests.go, manifestHandler.GetManifest).

    /// <summary>HEAD of a manifest by tag or digest; null when the registry has no such manifest.</summary>
    public Task<ManifestHead?> HeadManifestAsync(string repository, string reference, CancellationToken cancellationToken) =>
        WithRetriesAsync($"looking up {Ref(repository, reference)}", async ct =>
        {
            using var response = await SendOnceAsync(b => ManifestRequest(HttpMethod.Head, b, repository, reference), [RegistryScopes.Pull(repository)], $"manifest {Ref(repository, reference)}", ct).ConfigureAwait(false);
            if (response.StatusCode == HttpStatusCode.NotFound)
            {
                return null;
            }

            if (!response.IsSuccessStatusCode)
            {
                throw await UnexpectedAsync(response, $"HEAD manifest {Ref(repository, reference)}", ct).ConfigureAwait(false);
            }

            var digest = response.Headers.TryGetValues("Docker-Content-Digest", out var values) ? values.FirstOrDefault() : null;
            if (digest is null && ContentDigest.IsDigest(reference))
            {
                digest = reference;
            }

            return digest is null
                ? null
                : new ManifestHead(digest, response.Content.Headers.ContentType?.MediaType ?? string.Empty, response.Content.Headers.ContentLength ?? -1);
        }, cancellationToken);

    /// <summary>GET a manifest by tag or digest; its digest is computed from the bytes (and checked when asked by digest).</summary>
    public Task<RegistryManifest> GetManifestAsync(string repository, string reference, CancellationToken cancellationToken) =>
        WithRetriesAsync($"reading manifest {Ref(repository, reference)}", async ct =>
        {
            using var response = await SendOnceAsync(b => ManifestRequest(HttpMethod.Get, b, repository, reference), [RegistryScopes.Pull(repository)], $"manifest {Ref(repository, reference)}", ct, HttpCompletionOption.ResponseContentRead).ConfigureAwait(false);
            if (response.StatusCode == HttpStatusCode.NotFound)
            {
                throw new ImageRollException(RegistryErrors.ManifestNotFound, FailureKind.OperationFailed,
                    $"Registry {Host} has no manifest {Ref(repository, reference)}.",
                    "Check the repository name and tag or digest; 'skopeo list-tags' or the registry UI lists what exists.");
            }

            if (!response.IsSuccessStatusCode)
            {
                throw await UnexpectedAsync(response, $"GET manifest {Ref(repository, reference)}", ct).ConfigureAwait(false);
            }

            var bytes = await response.Content.ReadAsByteArrayAsync(ct).ConfigureAwait(false);
            var digest = ContentDigest.IsDigest(reference) ? reference : ContentDigest.Sha256(bytes);
            if (!ContentDigest.Matches(digest, bytes))
            {
                throw new ImageRollException(RegistryErrors.DigestMismatch, FailureKind.OperationFailed,
                    $"Registry {Host} returned a manifest for {Ref(repository, reference)} whose bytes hash to {ContentDigest.Sha256(bytes)}.",
                    "The registry (or a proxy) altered the manifest; do not trust this registry's content.");
            }

            return new RegistryManifest(bytes, MediaTypeOf(response.Content.Headers.ContentType?.MediaType, bytes), digest);
        }, cancellationToken);

    /// <summary>
    /// PUT a manifest under a tag or its digest and verify that the registry's <c>Docker-Content-Digest</c> is the
    /// sha256 of the bytes sent. Returns that digest.
    /// </summary>
    public Task<string> PutManifestAsync(string repository, string reference, ReadOnlyMemory<byte> bytes, string mediaType, CancellationToken cancellationToken)
    {
        ArgumentException.ThrowIfNullOrEmpty(mediaType);
        if (!MediaTypes.IsManifest(mediaType))
        {
            throw new ImageRollException(RegistryErrors.UnsupportedMediaType, FailureKind.BadInput,
                $"Cannot push a manifest of media type '{mediaType}' to {Host}/{repository}.",
                "ImageRoll pushes OCI image manifests and indexes and Docker v2 manifests and manifest lists.");
        }

        var expected = ContentDigest.Sha256(bytes.Span);
        return WithRetriesAsync($"writing manifest {Ref(repository, reference)}", async ct =>
        {
            using var response = await SendOnceAsync(b =>
            {
                var content = new ReadOnlyMemoryContent(bytes);
                content.Headers.ContentType = new MediaTypeHeaderValue(mediaType);
                return new HttpRequestMessage(HttpMethod.Put, ManifestUri(b, repository, reference)) { Content = content };
            }, [RegistryScopes.Push(repository)], $"manifest {Ref(repository, reference)}", ct).ConfigureAwait(false);
            if (response.StatusCode != HttpStatusCode.Created && !response.IsSuccessStatusCode)
            {
                throw await UnexpectedAsync(response, $"PUT manifest {Ref(repository, reference)}", ct).ConfigureAwait(false);
            }

            var returned = response.Headers.TryGetValues("Docker-Content-Digest", out var values) ? values.FirstOrDefault() : null;
            if (returned is not null && !string.Equals(returned, expected, StringComparison.Ordinal))
            {
                throw new ImageRollException(RegistryErrors.DigestMismatch, FailureKind.OperationFailed,
                    $"Registry {Host} stored manifest {Ref(repository, reference)} as {returned}, but the bytes sent hash to {expected}.",
                    "The registry rewrote the manifest; the pushed image cannot be referenced by the digest ImageRoll computed.");
            }

            return expected;
        }, cancellationToken);
    }

    /// <summary>REPO:TAG or REPO@sha256:..., as a reference is written.</summary>
    internal static string Ref(string repository, string reference) =>
        repository + (ContentDigest.IsDigest(reference) ? "@" : ":") + reference;

    private static HttpRequestMessage ManifestRequest(HttpMethod method, Uri baseUri, string repository, string reference)
    {
        var request = new HttpRequestMessage(method, ManifestUri(baseUri, repository, reference));
        foreach (var type in MediaTypes.ManifestAcceptTypes)
        {
            request.Headers.Accept.Add(new MediaTypeWithQualityHeaderValue(type));
        }

        return request;
    }

    private static Uri ManifestUri(Uri baseUri, string repository, string reference) =>
        new(baseUri, $"/v2/{repository}/manifests/{reference}");

    private static string MediaTypeOf(string? contentType, byte[] bytes)
    {
        if (MediaTypes.IsManifest(contentType))
        {
            return contentType!;
        }

        try
        {
            using var doc = JsonDocument.Parse(bytes);
            if (doc.RootElement.TryGetProperty("mediaType", out var m) && m.GetString() is { Length: > 0 } fromBody)
            {
                return fromBody;
            }

            // An OCI manifest may omit mediaType: an index has "manifests", an image manifest has "config".
            return doc.RootElement.TryGetProperty("manifests", out _) ? MediaTypes.OciIndex : MediaTypes.OciManifest;
        }
        catch (JsonException)
        {
            return contentType ?? "application/octet-stream";
        }
    }
}
