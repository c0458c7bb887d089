using System.Text;
using System.Text.Json.Nodes;
using ImageRoll.ClusterSimulator.Store;

namespace ImageRoll.ClusterSimulator.Controllers.Images;

/// <summary>
/// The registry logins an image import may use: the namespace's <c>kubernetes.io/dockerconfigjson</c> and
/// <c>kubernetes.io/dockercfg</c> secrets, what <c>oc create secret docker-registry</c> makes. openshift-apiserver
/// pkg/image/apiserver/registry/imagestreamimport/rest.go <c>Create</c> reads them through the image stream's
/// <c>secrets</c> subresource and hands them to <c>importer.NewStaticCredentialsContext</c>; the registry is matched by
/// its host (a key may be a URL such as <c>https://HOST/v1/</c>).
/// </summary>
public static class PullSecrets
{
    public static Func<string, (string User, string Password)?> For(ObjectStore store, string? ns) =>
        From(ns is null ? [] : store.List(ResourceTypes.Secrets, ns).Items);

    /// <summary>
    /// The logins of the pull secrets a pod names in <c>spec.imagePullSecrets</c>, which the kubelet hands the runtime
    /// (kubernetes pkg/kubelet/kuberuntime/kuberuntime_image.go <c>PullImage</c> with <c>getPullSecretsForPod</c>); a
    /// missing secret is skipped.
    /// </summary>
    public static Func<string, (string User, string Password)?> ForPod(Core.IControllerStore store, JsonObject pod)
    {
        var ns = Meta.Namespace(pod) ?? "default";
        var names = (pod["spec"]?["imagePullSecrets"] as JsonArray)?.Select(r => Meta.Str(r?["name"])).OfType<string>() ?? [];
        return From([.. names.Select(n => store.Get("v1", "Secret", ns, n)).OfType<JsonObject>()]);
    }

    private static Func<string, (string User, string Password)?> From(IEnumerable<JsonObject> secrets)
    {
        var logins = new Dictionary<string, (string, string)>(StringComparer.OrdinalIgnoreCase);
        {
            foreach (var secret in secrets)
            {
                var (key, nested) = Meta.Str(secret["type"]) switch
                {
                    "kubernetes.io/dockerconfigjson" => (".dockerconfigjson", true),
                    "kubernetes.io/dockercfg" => (".dockercfg", false),
                    _ => (null, false),
                };
                if (key is null || Meta.Str(secret["data"]?[key]) is not { } data)
                {
                    continue;
                }

                try
                {
                    var config = JsonNode.Parse(Convert.FromBase64String(data)) as JsonObject;
                    var auths = (nested ? config?["auths"] : config) as JsonObject;
                    foreach (var (server, entry) in auths ?? [])
                    {
                        if (Login(entry) is { } login)
                        {
                            logins.TryAdd(Host(server), login);
                        }
                    }
                }
                catch (Exception ex) when (ex is FormatException or System.Text.Json.JsonException)
                {
                    // A malformed secret gives no login (the real importer skips it too).
                }
            }
        }

        return registry => logins.TryGetValue(registry, out var login) ? login : null;
    }

    private static (string, string)? Login(JsonNode? entry)
    {
        if (Meta.Str(entry?["auth"]) is { Length: > 0 } auth)
        {
            var decoded = Encoding.UTF8.GetString(Convert.FromBase64String(auth));
            var colon = decoded.IndexOf(':', StringComparison.Ordinal);
            return colon < 0 ? null : (decoded[..colon], decoded[(colon + 1)..]);
        }

        return Meta.Str(entry?["username"]) is { } user && Meta.Str(entry?["password"]) is { } password ? (user, password) : null;
    }

    private static string Host(string server)
    {
        var host = server;
        if (host.Contains("://", StringComparison.Ordinal))
        {
            host = host[(host.IndexOf("://", StringComparison.Ordinal) + 3)..];
        }

        return host.Split('/')[0];
    }
}
