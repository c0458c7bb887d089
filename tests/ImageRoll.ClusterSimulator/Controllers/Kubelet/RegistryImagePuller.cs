using System.Collections.Concurrent;
using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using System.Text.Json.Nodes;

namespace ImageRoll.ClusterSimulator.Controllers.Kubelet;

/// <summary>
/// Resolves an image against the REAL registry the reference names, as a node's container runtime does before it
/// pulls: loopback registries over plain HTTP (a cluster configured with them as insecure registries), manifests
/// requested with the OCI and Docker Accept list. Any other registry (docker.io here) is never contacted and fails
/// as a node without a route to it would. A 401 is answered with the pod's pull secret for the registry
/// (<see cref="Images.RegistryLogin"/>). Successful pulls are cached per digest like a node's image store.
/// Error texts are containerd 1.7's (the CRI wraps them in "rpc error: code = ... desc = ...").
/// </summary>
public sealed class RegistryImagePuller(HttpClient http) : IImagePuller
{
    private static readonly string[] AcceptTypes =
    [
        "application/vnd.oci.image.manifest.v1+json", "application/vnd.oci.image.index.v1+json",
        "application/vnd.docker.distribution.manifest.v2+json", "application/vnd.docker.distribution.manifest.list.v2+json",
    ];

    private readonly ConcurrentDictionary<string, PullResult> _pulled = new(StringComparer.Ordinal);

    public PullResult? Cached(ImageReference reference) =>
        reference.Digest is not null && _pulled.TryGetValue(reference.Normalized, out var cached)
            ? cached with { Cached = true, Took = TimeSpan.Zero }
            : null;

    public async Task<PullResult> PullAsync(ImageReference reference, CancellationToken cancellationToken, Func<string, (string User, string Password)?>? logins = null)
    {
        var login = logins?.Invoke(reference.Domain);
        var watch = Stopwatch.StartNew();
        if (Cached(reference) is { } cached)
        {
            return cached;
        }

        var refText = reference.Normalized;
        var prefix = $"failed to pull and unpack image \"{refText}\": failed to resolve reference \"{refText}\"";
        if (!reference.IsLoopback)
        {
            var host = reference.Domain == "docker.io" ? "registry-1.docker.io" : reference.Domain.Split(':')[0];
            var url = $"https://{(reference.Domain == "docker.io" ? host : reference.Domain)}/v2/{reference.Path}/manifests/{reference.ManifestReference}";
            return PullResult.Failed($"rpc error: code = Unknown desc = {prefix}: failed to do request: Head \"{url}\": dial tcp: lookup {host}: no such host", watch.Elapsed);
        }

        var manifestUrl = $"http://{reference.Domain}/v2/{reference.Path}/manifests/{reference.ManifestReference}";
        try
        {
            var (status, body, digest) = await GetManifestAsync(manifestUrl, reference.Path, login, cancellationToken).ConfigureAwait(false);
            if (status == HttpStatusCode.NotFound)
            {
                return PullResult.Failed($"rpc error: code = NotFound desc = {prefix}: {refText}: not found", watch.Elapsed);
            }

            if (status == HttpStatusCode.Unauthorized)
            {
                return PullResult.Failed($"rpc error: code = Unknown desc = {prefix}: pulling from host {reference.Domain} failed with status code [manifests {reference.ManifestReference}]: 401 Unauthorized", watch.Elapsed);
            }

            if (status != HttpStatusCode.OK || body is null)
            {
                return PullResult.Failed($"rpc error: code = Unknown desc = {prefix}: unexpected status from GET request to {manifestUrl}: {(int)status} {status}", watch.Elapsed);
            }

            var size = await ImageSizeAsync(reference, body, login, cancellationToken).ConfigureAwait(false);
            var result = new PullResult(true, $"{reference.Domain}/{reference.Path}@{digest}", size, null, watch.Elapsed);
            _pulled[$"{reference.Domain}/{reference.Path}@{digest}"] = result;
            return result;
        }
        catch (HttpRequestException e) when (e.InnerException is SocketException || e.HttpRequestError == HttpRequestError.ConnectionError)
        {
            return PullResult.Failed($"rpc error: code = Unknown desc = {prefix}: failed to do request: Head \"{manifestUrl}\": dial tcp {reference.Domain}: connect: connection refused", watch.Elapsed);
        }
        catch (Exception e) when (e is HttpRequestException or TaskCanceledException && !cancellationToken.IsCancellationRequested)
        {
            return PullResult.Failed($"rpc error: code = Unknown desc = {prefix}: failed to do request: Head \"{manifestUrl}\": {e.Message}", watch.Elapsed);
        }
    }

    private async Task<(HttpStatusCode Status, JsonObject? Body, string? Digest)> GetManifestAsync(string url, string repository, (string User, string Password)? login, CancellationToken ct)
    {
        using var response = await Images.RegistryLogin.SendAsync(http, () =>
        {
            var request = new HttpRequestMessage(HttpMethod.Get, url);
            foreach (var t in AcceptTypes)
            {
                request.Headers.Accept.ParseAdd(t);
            }

            return request;
        }, repository, login, ct).ConfigureAwait(false);
        if (!response.IsSuccessStatusCode)
        {
            return (response.StatusCode, null, null);
        }

        var text = await response.Content.ReadAsStringAsync(ct).ConfigureAwait(false);
        var digest = response.Headers.TryGetValues("Docker-Content-Digest", out var values) ? values.FirstOrDefault() : null;
        digest ??= "sha256:" + Convert.ToHexStringLower(System.Security.Cryptography.SHA256.HashData(System.Text.Encoding.UTF8.GetBytes(text)));
        return (HttpStatusCode.OK, JsonNode.Parse(text) as JsonObject, digest);
    }

    /// <summary>Sum of the layer and config sizes; for an index, of the linux/amd64 child the node would pull.</summary>
    private async Task<long> ImageSizeAsync(ImageReference reference, JsonObject manifest, (string User, string Password)? login, CancellationToken ct)
    {
        if (manifest["manifests"] is JsonArray children)
        {
            var child = children.OfType<JsonObject>().FirstOrDefault(m =>
                            m["platform"]?["os"]?.GetValue<string>() == "linux" && m["platform"]?["architecture"]?.GetValue<string>() == "amd64")
                        ?? children.OfType<JsonObject>().FirstOrDefault();
            var childDigest = child?["digest"]?.GetValue<string>();
            if (childDigest is null)
            {
                return 0;
            }

            var (status, body, _) = await GetManifestAsync($"http://{reference.Domain}/v2/{reference.Path}/manifests/{childDigest}", reference.Path, login, ct).ConfigureAwait(false);
            return status == HttpStatusCode.OK && body is not null ? LayerSizes(body) : 0;
        }

        return LayerSizes(manifest);
    }

    private static long LayerSizes(JsonObject manifest) =>
        (manifest["layers"] as JsonArray ?? []).OfType<JsonObject>().Sum(l => l["size"]?.GetValue<long>() ?? 0)
        + (manifest["config"]?["size"]?.GetValue<long>() ?? 0);
}
