namespace ImageRoll.Kubernetes;

/// <summary>
/// The pod's own service account (client-go rest/config.go InClusterConfig): server from KUBERNETES_SERVICE_HOST and
/// KUBERNETES_SERVICE_PORT, the token (re-read when it rotates), ca.crt, and the namespace from POD_NAMESPACE or the
/// namespace file (client-go clientcmd/client_config.go inClusterClientConfig.Namespace).
/// </summary>
public static class InClusterConfig
{
    public const string DefaultDirectory = "/var/run/secrets/kubernetes.io/serviceaccount";

    public static bool IsAvailable(Func<string, string?> env) =>
        !string.IsNullOrEmpty(env("KUBERNETES_SERVICE_HOST")) && !string.IsNullOrEmpty(env("KUBERNETES_SERVICE_PORT"));

    public static KubeClusterConfig Load(KubeConnectionOptions options, Func<string, string?> env, string? directory = null)
    {
        directory ??= DefaultDirectory;
        var host = env("KUBERNETES_SERVICE_HOST")!;
        var port = env("KUBERNETES_SERVICE_PORT")!;
        var tokenPath = Path.Combine(directory, "token");
        if (!File.Exists(tokenPath))
        {
            throw new ImageRollException(KubeconfigErrors.InClusterIncomplete, FailureKind.BadInput,
                $"Running in a pod (KUBERNETES_SERVICE_HOST={host}) but the service account token '{tokenPath}' does not exist.",
                "Mount the service account token (automountServiceAccountToken: true), or pass --kubeconfig.");
        }

        var source = $"in-cluster service account ({directory})";
        var caPath = Path.Combine(directory, "ca.crt");
        var ca = File.Exists(caPath) ? KubePem.Certificates(KubePem.ReadFile(caPath, "ca.crt", source), "ca.crt", source) : null;
        var ns = options.Namespace;
        if (string.IsNullOrEmpty(ns))
        {
            ns = env("POD_NAMESPACE");
        }

        var nsPath = Path.Combine(directory, "namespace");
        if (string.IsNullOrEmpty(ns) && File.Exists(nsPath))
        {
            ns = File.ReadAllText(nsPath).Trim();
        }

        var hostPart = host.Contains(':', StringComparison.Ordinal) ? $"[{host}]" : host;
        if (!Uri.TryCreate($"https://{hostPart}:{port}/", UriKind.Absolute, out var server))
        {
            throw new ImageRollException(KubeconfigErrors.InClusterIncomplete, FailureKind.BadInput,
                $"KUBERNETES_SERVICE_HOST '{host}' and KUBERNETES_SERVICE_PORT '{port}' do not make a server URL.",
                "These are set by the kubelet; unset them outside a pod, or pass --kubeconfig.");
        }

        var credentials = new TokenFileCredentials(tokenPath, "the service account token");
        return new KubeClusterConfig(server, options.Context ?? "in-cluster", string.IsNullOrEmpty(ns) ? "default" : ns, source,
            new KubeTlsSettings(ca), credentials, "serviceaccount");
    }
}
