using ImageRoll.Kubernetes;
using ImageRoll.Registry.Credentials;

namespace ImageRoll.OpenShift.IntegratedRegistry;

/// <summary>
/// The login for the integrated registry: the cluster's own bearer token (the kubeconfig's token, token file or exec
/// plugin, or the pod's service-account token) as the password with any user name, exactly as <c>oc registry login</c>
/// writes it (openshift/oc pkg/cli/registry/login/login.go: <c>newCredentials("user", cfg.BearerToken)</c>); no
/// <c>docker login</c> needed. Any other host gets what <paramref name="fallback"/> finds.
/// </summary>
public sealed class ClusterTokenCredentials(IKubeCredentials cluster, IReadOnlyCollection<string> registryHosts, IRegistryCredentialProvider? fallback)
    : IRegistryCredentialProvider
{
    public const string UserName = "user";

    public async ValueTask<RegistryCredential?> GetAsync(string registryHost, CancellationToken ct)
    {
        if (!registryHosts.Contains(registryHost, StringComparer.OrdinalIgnoreCase))
        {
            return fallback is null ? null : await fallback.GetAsync(registryHost, ct).ConfigureAwait(false);
        }

        var auth = await cluster.GetAsync(ct).ConfigureAwait(false);
        if (auth.Authorization is { Scheme: var scheme, Parameter: { Length: > 0 } token } && scheme.Equals("Bearer", StringComparison.OrdinalIgnoreCase))
        {
            return new RegistryCredential(UserName, token, null);
        }

        throw new ImageRollException(IntegratedRegistryCodes.NotATokenUser, FailureKind.BadInput,
            $"The integrated registry {registryHost} takes the cluster's bearer token as the password, but the cluster credentials are {cluster.Description}.",
            "Use a kubeconfig whose user has a token (oc login --token=..., or a service account's: oc create token NAME), or push to another registry (--image REG/REPO).");
    }
}
