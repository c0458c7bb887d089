using Microsoft.Extensions.Logging;

namespace ImageRoll.Kubernetes;

/// <summary>
/// How the CLI and the MSBuild tasks get a cluster client: resolve <c>--kubeconfig</c>/<c>--context</c>/<c>-n</c>
/// like kubectl (falling back to the in-cluster service account), then one <see cref="KubeApiClient"/>.
/// </summary>
public static class KubeClientFactory
{
    /// <param name="options">--kubeconfig, --context, -n.</param>
    /// <param name="env">The environment to read (KUBECONFIG, HOME, KUBERNETES_SERVICE_HOST, ...).</param>
    /// <param name="logger">Debug logging of requests (never credentials).</param>
    /// <param name="serviceAccountDirectory">Overrides /var/run/secrets/kubernetes.io/serviceaccount (tests).</param>
    public static KubeApiClient Create(KubeConnectionOptions options, Func<string, string?> env, ILogger? logger = null, string? serviceAccountDirectory = null)
    {
        var config = KubeconfigLoader.Load(options, env, serviceAccountDirectory);
        logger?.LogDebug("Cluster {Server}, context {Context}, namespace {Namespace}, credentials: {Credentials} (from {Source})",
            config.Server, config.ContextName, config.Namespace, config.Credentials.Description, config.Source);
        return new KubeApiClient(config, handler: null, logger);
    }
}
