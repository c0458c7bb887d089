using System.Text.Json;
using ImageRoll.Kubernetes;
using ImageRoll.Kubernetes.Models;
using ImageRoll.OpenShift.Models;

namespace ImageRoll.OpenShift.IntegratedRegistry;

/// <summary>
/// Finds the cluster's integrated registry from the cluster itself, first answer wins:
/// <list type="number">
/// <item>the Image config <c>config.openshift.io/v1</c> <c>images/cluster</c> (openshift/api config/v1/types_image.go):
/// <c>status.internalRegistryHostname</c> and the first of <c>status.externalRegistryHostnames</c>; a CI service
/// account usually may not read it (403), which is fine;</item>
/// <item>an image stream's <c>status.dockerImageRepository</c> and <c>status.publicDockerImageRepository</c> (the stream
/// tag's own, else the first stream of the namespace), which openshift-apiserver fills from that config and which is
/// what <c>oc registry login</c> reads (openshift/oc pkg/cli/registry/login/login.go <c>findPublicHostname</c>);</item>
/// <item>the route <c>default-route</c> in <c>openshift-image-registry</c>, the registry operator's external route.</item>
/// </list>
/// Read-only; null when nothing names a registry.
/// </summary>
public sealed class IntegratedRegistryLocator(IKubeApi api)
{
    public static readonly ResourceKind ImageConfigs = new("config.openshift.io", "v1", "images", "Image", Namespaced: false);
    public static readonly ResourceKind Routes = new("route.openshift.io", "v1", "routes", "Route");

    public async Task<IntegratedRegistryHosts?> LocateAsync(string ns, string stream, CancellationToken cancellationToken)
    {
        string? inside = null;
        string? outside = null;
        var config = await TryAsync(() => api.TryGetAsync<KubeObject>(ImageConfigs, null, "cluster", cancellationToken)).ConfigureAwait(false);
        if (config?.Extra?.TryGetValue("status", out var status) == true && status.ValueKind == JsonValueKind.Object)
        {
            inside = Str(status, "internalRegistryHostname");
            outside = status.TryGetProperty("externalRegistryHostnames", out var hosts) && hosts.ValueKind == JsonValueKind.Array
                ? hosts.EnumerateArray().Select(h => h.GetString()).FirstOrDefault(h => !string.IsNullOrEmpty(h))
                : null;
            if (outside is not null)
            {
                return new IntegratedRegistryHosts(inside, outside, "the cluster's Image config (images.config.openshift.io/cluster)");
            }
        }

        var named = await TryAsync(() => api.TryGetAsync<ImageStream>(ResourceKind.ImageStreams, ns, stream, cancellationToken)).ConfigureAwait(false)
            ?? (await TryAsync<KubeList<ImageStream>>(async () => await api.ListAsync<ImageStream>(ResourceKind.ImageStreams, ns, null, cancellationToken).ConfigureAwait(false)).ConfigureAwait(false))?.Items.FirstOrDefault();
        inside ??= Host(named?.Status.DockerImageRepository);
        outside ??= Host(named?.Status.PublicDockerImageRepository);
        if (outside is not null)
        {
            return new IntegratedRegistryHosts(inside, outside, $"the image stream {ns}/{named!.Metadata.Name}");
        }

        var route = await TryAsync(() => api.TryGetAsync<KubeObject>(Routes, "openshift-image-registry", "default-route", cancellationToken)).ConfigureAwait(false);
        if (route?.Extra?.TryGetValue("spec", out var spec) == true && spec.ValueKind == JsonValueKind.Object && Str(spec, "host") is { } host)
        {
            return new IntegratedRegistryHosts(inside, host, "the route openshift-image-registry/default-route");
        }

        return inside is null ? null : new IntegratedRegistryHosts(inside, null, config is null ? $"the image streams of {ns}" : "the cluster's Image config");
    }

    /// <summary>The registry part of a repository pull spec (<c>HOST[:PORT]/NS/NAME</c>).</summary>
    private static string? Host(string? repository) =>
        repository is { Length: > 0 } r && r.IndexOf('/', StringComparison.Ordinal) is var slash and > 0 ? r[..slash] : null;

    private static string? Str(JsonElement obj, string name) =>
        obj.TryGetProperty(name, out var v) && v.ValueKind == JsonValueKind.String && v.GetString() is { Length: > 0 } s ? s : null;

    /// <summary>A source this user may not read, or that the cluster does not serve, is no answer.</summary>
    private static async Task<T?> TryAsync<T>(Func<Task<T?>> read)
        where T : class
    {
        try
        {
            return await read().ConfigureAwait(false);
        }
        catch (KubeApiException ex) when (ex.IsForbidden || ex.IsNotFound)
        {
            return null;
        }
    }
}
