using System.Net;
using System.Net.Http.Headers;
using System.Text.Json.Nodes;
using ImageRoll.ClusterSimulator.Store;

namespace ImageRoll.ClusterSimulator.Registry;

/// <summary>
/// An image tagged into a stream from another stream (<c>oc tag dev/app:latest prod/app:stable</c>) is pulled as
/// <c>prod/app@DIGEST</c>, though it was pushed to <c>dev/app</c>: openshift/image-registry serves any image the
/// stream's status names, its blobs included (its storage is one, the stream decides access:
/// pkg/dockerregistry/server/blobdescriptorservice.go, imagestreamhasblob.go). The real registry behind the front
/// keeps repositories apart, so the first pull of such an image mounts its blobs and puts its manifest (and an
/// index's children) into the stream's repository from the one it was pushed to.
/// </summary>
internal sealed class CrossRepositoryImages(ObjectStore store, HttpClient http, string backend, string prefix, string internalHostname)
{
    private static readonly string[] Accept =
    [
        "application/vnd.oci.image.manifest.v1+json", "application/vnd.oci.image.index.v1+json",
        "application/vnd.docker.distribution.manifest.v2+json", "application/vnd.docker.distribution.manifest.list.v2+json",
    ];

    public async Task EnsureAsync(RegistryRequest request, string digest, CancellationToken cancellationToken)
    {
        var here = $"{prefix}/{request.Repository}";
        if (!Names(store.Get(ResourceTypes.ImageStreams, request.Namespace, request.Stream), digest)
            || await ManifestAsync(here, digest, cancellationToken).ConfigureAwait(false) is not null)
        {
            return;
        }

        foreach (var source in Sources(digest, request.Repository))
        {
            var from = $"{prefix}/{source}";
            if (await ManifestAsync(from, digest, cancellationToken).ConfigureAwait(false) is { } manifest)
            {
                await CopyAsync(from, here, digest, manifest, cancellationToken).ConfigureAwait(false);
                return;
            }
        }
    }

    private static bool Names(JsonObject? stream, string digest) =>
        stream?["status"]?["tags"] is JsonArray tags
        && tags.OfType<JsonObject>().SelectMany(t => (t["items"] as JsonArray)?.OfType<JsonObject>() ?? []).Any(i => Meta.Str(i["image"]) == digest);

    /// <summary>The integrated-registry repositories any stream's events put this image in, other than <paramref name="except"/>.</summary>
    private IEnumerable<string> Sources(string digest, string except)
    {
        var ours = internalHostname + "/";
        return store.List(ResourceTypes.ImageStreams, null).Items
            .SelectMany(s => (s["status"]?["tags"] as JsonArray)?.OfType<JsonObject>() ?? [])
            .SelectMany(t => (t["items"] as JsonArray)?.OfType<JsonObject>() ?? [])
            .Where(i => Meta.Str(i["image"]) == digest)
            .Select(i => Meta.Str(i["dockerImageReference"]) ?? "")
            .Where(r => r.StartsWith(ours, StringComparison.Ordinal) && r.EndsWith("@" + digest, StringComparison.Ordinal))
            .Select(r => r[ours.Length..r.IndexOf('@', StringComparison.Ordinal)])
            .Where(r => r != except)
            .Distinct(StringComparer.Ordinal)
            .ToList();
    }

    private async Task CopyAsync(string from, string to, string digest, (string MediaType, byte[] Body) manifest, CancellationToken ct)
    {
        var doc = JsonNode.Parse(manifest.Body)!.AsObject();
        foreach (var child in (doc["manifests"] as JsonArray)?.OfType<JsonObject>() ?? [])
        {
            var childDigest = Meta.Str(child["digest"])!;
            if (await ManifestAsync(from, childDigest, ct).ConfigureAwait(false) is { } body)
            {
                await CopyAsync(from, to, childDigest, body, ct).ConfigureAwait(false);
            }
        }

        var blobs = (doc["layers"] as JsonArray)?.OfType<JsonObject>().Select(l => Meta.Str(l["digest"])).ToList() ?? [];
        blobs.Add(Meta.Str(doc["config"]?["digest"]));
        foreach (var blob in blobs.OfType<string>())
        {
            using var mount = await http.PostAsync($"http://{backend}/v2/{to}/blobs/uploads/?mount={Uri.EscapeDataString(blob)}&from={Uri.EscapeDataString(from)}", null, ct).ConfigureAwait(false);
            if (mount.StatusCode != HttpStatusCode.Created)
            {
                throw new HttpRequestException($"mounting {blob} from {from} into {to} answered {(int)mount.StatusCode}");
            }
        }

        using var content = new ByteArrayContent(manifest.Body);
        content.Headers.ContentType = new MediaTypeHeaderValue(manifest.MediaType);
        using var put = await http.PutAsync($"http://{backend}/v2/{to}/manifests/{digest}", content, ct).ConfigureAwait(false);
        put.EnsureSuccessStatusCode();
    }

    private async Task<(string MediaType, byte[] Body)?> ManifestAsync(string repository, string digest, CancellationToken ct)
    {
        using var get = new HttpRequestMessage(HttpMethod.Get, $"http://{backend}/v2/{repository}/manifests/{digest}");
        foreach (var type in Accept)
        {
            get.Headers.Accept.ParseAdd(type);
        }

        using var response = await http.SendAsync(get, ct).ConfigureAwait(false);
        return response.IsSuccessStatusCode
            ? (response.Content.Headers.ContentType?.MediaType ?? Accept[0], await response.Content.ReadAsByteArrayAsync(ct).ConfigureAwait(false))
            : null;
    }
}
