using System.Security.Cryptography.X509Certificates;

namespace ImageRoll.Kubernetes;

/// <summary>
/// Turns a kubeconfig user entry into credentials, with client-go's precedence (rest/transport config and
/// plugin/pkg/client/auth/exec/exec.go UpdateTransportConfig): an explicit token or basic auth wins over an exec
/// plugin; a token (or tokenFile) and basic auth together are refused ("more than one authentication method");
/// a client certificate goes along with a token; an auth-provider is used through its id-token.
/// </summary>
internal static class KubeCredentialsBuilder
{
    public static (IKubeCredentials Credentials, X509Certificate2? ClientCertificate) Build(UserEntry user, string name, ExecClusterInfo cluster)
    {
        var source = user.SourceFile;
        var certificate = ClientCertificate(user, name, source);
        var hasToken = !string.IsNullOrEmpty(user.Token) || !string.IsNullOrEmpty(user.TokenFile);
        var hasBasic = !string.IsNullOrEmpty(user.Username) || !string.IsNullOrEmpty(user.Password);
        if (hasToken && hasBasic)
        {
            throw new ImageRollException(KubeconfigErrors.TokenAndBasicAuth, FailureKind.BadInput,
                $"users[{name}] in {source} sets both a token and username/password; only one authentication method is allowed.",
                $"Remove either token/tokenFile or username/password from users[{name}].");
        }

        if (!string.IsNullOrEmpty(user.Token))
        {
            return (StaticCredentials.Bearer(user.Token.Trim(), certificate), certificate);
        }

        if (!string.IsNullOrEmpty(user.TokenFile))
        {
            return (new TokenFileCredentials(user.TokenFile, $"users[{name}].tokenFile in {source}", certificate), certificate);
        }

        if (hasBasic)
        {
            return (StaticCredentials.Basic(user.Username ?? string.Empty, user.Password ?? string.Empty, certificate), certificate);
        }

        if (certificate is not null)
        {
            return (StaticCredentials.Certificate(certificate), certificate);
        }

        if (user.Exec is not null)
        {
            return (new ExecCredentials(user.Exec, name, source, cluster), null);
        }

        if (user.AuthProvider is not null)
        {
            return (AuthProvider(user.AuthProvider, name, source), null);
        }

        return (StaticCredentials.Anonymous, null);
    }

    private static X509Certificate2? ClientCertificate(UserEntry user, string name, string source)
    {
        var cert = KubePem.Read(user.ClientCertificateData, $"users[{name}].client-certificate-data", user.ClientCertificate, $"users[{name}].client-certificate", source);
        var key = KubePem.Read(user.ClientKeyData, $"users[{name}].client-key-data", user.ClientKey, $"users[{name}].client-key", source);
        if (cert is null && key is null)
        {
            return null;
        }

        if (cert is null || key is null)
        {
            var missing = cert is null ? "client-certificate(-data)" : "client-key(-data)";
            throw new ImageRollException(KubeconfigErrors.CertificateWithoutKey, FailureKind.BadInput,
                $"users[{name}] in {source} has a client {(cert is null ? "key" : "certificate")} but no {missing}.",
                $"Set users[{name}].{missing} as well: a client certificate needs its private key.");
        }

        return KubePem.ClientCertificate(cert, key, $"users[{name}].client-certificate/client-key", source);
    }

    /// <summary>
    /// kubectl 1.26+ has no built-in auth providers left (gcp, azure removed; oidc refresh needs a client secret
    /// ImageRoll does not hold): the id-token already in the kubeconfig is used as a bearer token, as the oidc
    /// provider does before it expires (plugin/pkg/client/auth/oidc/oidc.go).
    /// </summary>
    private static IKubeCredentials AuthProvider(AuthProviderConfig provider, string name, string source)
    {
        if (provider.Config is not null && provider.Config.TryGetValue("id-token", out var idToken) && !string.IsNullOrWhiteSpace(idToken))
        {
            return StaticCredentials.Bearer(idToken.Trim(), description: $"auth-provider '{provider.Name}' id-token");
        }

        throw new ImageRollException(KubeconfigErrors.AuthProviderUnsupported, FailureKind.BadInput,
            $"users[{name}].auth-provider '{provider.Name}' in {source} has no config.id-token, and ImageRoll (like kubectl 1.26+) has no built-in '{provider.Name}' provider.",
            "Use an exec credential plugin instead (e.g. kubelogin, gke-gcloud-auth-plugin, kubelogin for Azure), or log in again so the id-token is present.");
    }
}
