using System.Net.Http.Headers;
using System.Security.Cryptography;
using System.Text;

namespace ImageRoll.IntegrationTests.OpenShift;

/// <summary>
/// Pushes small, unique images to the real test registry over the OCI distribution API (monolithic blob upload,
/// then the manifest), so each test has its own digest. An index pushes two platform manifests and the index.
/// </summary>
public static class TestImages
{
    private static readonly HttpClient Http = new();

    /// <summary>Pushes a one-layer image; returns <c>REG/REPO@sha256:...</c>.</summary>
    public static async Task<string> PushAsync(string registry, string repository, string? seed = null, CancellationToken cancellationToken = default)
    {
        var (digest, _) = await PushManifestAsync(registry, repository, seed ?? Guid.NewGuid().ToString("N"), "amd64", cancellationToken);
        return $"{registry}/{repository}@{digest}";
    }

    /// <summary>Pushes a linux/amd64 + linux/arm64 OCI index; returns the index reference and the amd64 child's digest.</summary>
    public static async Task<(string Index, string AmdDigest)> PushIndexAsync(string registry, string repository, CancellationToken cancellationToken = default)
    {
        var seed = Guid.NewGuid().ToString("N");
        var amd = await PushManifestAsync(registry, repository, seed, "amd64", cancellationToken);
        var arm = await PushManifestAsync(registry, repository, seed, "arm64", cancellationToken);
        var index = Encoding.UTF8.GetBytes(
            "{\"schemaVersion\":2,\"mediaType\":\"application/vnd.oci.image.index.v1+json\",\"manifests\":["
            + $"{{\"mediaType\":\"application/vnd.oci.image.manifest.v1+json\",\"digest\":\"{amd.Digest}\",\"size\":{amd.Size},\"platform\":{{\"architecture\":\"amd64\",\"os\":\"linux\"}}}},"
            + $"{{\"mediaType\":\"application/vnd.oci.image.manifest.v1+json\",\"digest\":\"{arm.Digest}\",\"size\":{arm.Size},\"platform\":{{\"architecture\":\"arm64\",\"os\":\"linux\"}}}}]}}");
        var digest = await PutManifestAsync(registry, repository, index, "application/vnd.oci.image.index.v1+json", cancellationToken);
        return ($"{registry}/{repository}@{digest}", amd.Digest);
    }

    private static async Task<(string Digest, int Size)> PushManifestAsync(string registry, string repository, string seed, string arch, CancellationToken ct)
    {
        var layer = Encoding.UTF8.GetBytes($"layer {seed} {arch}");
        var layerDigest = await PushBlobAsync(registry, repository, layer, ct);
        var config = Encoding.UTF8.GetBytes($"{{\"architecture\":\"{arch}\",\"os\":\"linux\",\"config\":{{}},\"rootfs\":{{\"type\":\"layers\",\"diff_ids\":[\"{layerDigest}\"]}}}}");
        var configDigest = await PushBlobAsync(registry, repository, config, ct);
        var manifest = Encoding.UTF8.GetBytes(
            "{\"schemaVersion\":2,\"mediaType\":\"application/vnd.oci.image.manifest.v1+json\","
            + $"\"config\":{{\"mediaType\":\"application/vnd.oci.image.config.v1+json\",\"digest\":\"{configDigest}\",\"size\":{config.Length}}},"
            + $"\"layers\":[{{\"mediaType\":\"application/vnd.oci.image.layer.v1.tar\",\"digest\":\"{layerDigest}\",\"size\":{layer.Length}}}]}}");
        var digest = await PutManifestAsync(registry, repository, manifest, "application/vnd.oci.image.manifest.v1+json", ct);
        return (digest, manifest.Length);
    }

    private static async Task<string> PushBlobAsync(string registry, string repository, byte[] data, CancellationToken ct)
    {
        var digest = Digest(data);
        using var start = await Http.PostAsync($"http://{registry}/v2/{repository}/blobs/uploads/", null, ct);
        Assert.Equal(System.Net.HttpStatusCode.Accepted, start.StatusCode);
        var location = start.Headers.Location!;
        var url = location.IsAbsoluteUri ? location.ToString() : $"http://{registry}{location}";
        url += (url.Contains('?', StringComparison.Ordinal) ? "&" : "?") + "digest=" + Uri.EscapeDataString(digest);
        using var content = new ByteArrayContent(data);
        content.Headers.ContentType = new MediaTypeHeaderValue("application/octet-stream");
        using var put = await Http.PutAsync(url, content, ct);
        Assert.True(put.IsSuccessStatusCode, $"blob upload answered {(int)put.StatusCode}");
        return digest;
    }

    private static async Task<string> PutManifestAsync(string registry, string repository, byte[] manifest, string mediaType, CancellationToken ct)
    {
        var digest = Digest(manifest);
        using var content = new ByteArrayContent(manifest);
        content.Headers.ContentType = new MediaTypeHeaderValue(mediaType);
        using var put = await Http.PutAsync($"http://{registry}/v2/{repository}/manifests/{digest}", content, ct);
        Assert.True(put.IsSuccessStatusCode, $"manifest put answered {(int)put.StatusCode}: {await put.Content.ReadAsStringAsync(ct)}");
        return digest;
    }

    private static string Digest(byte[] data) => "sha256:" + Convert.ToHexStringLower(SHA256.HashData(data));
}
