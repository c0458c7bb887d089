using System.Net.Security;
using System.Security.Cryptography.X509Certificates;
using ImageRoll.Net;

namespace ImageRoll.Kubernetes;

/// <summary>
/// The TLS side of a connection, as client-go's transport sets it up (staging/src/k8s.io/client-go/transport/
/// transport.go TLSConfigFor): the cluster CA as the only trust root when given (custom trust, not added to the
/// system's), <c>insecure-skip-tls-verify</c> skipping verification, <c>tls-server-name</c> as the name the server's
/// certificate must carry, and the client certificate from the kubeconfig or an exec plugin.
/// </summary>
internal static class KubeHttpHandlerFactory
{
    public static SocketsHttpHandler Create(KubeClusterConfig config, X509CertificateHolder clientCertificate, NetworkBounds bounds)
    {
        var tls = config.Tls;
        clientCertificate.Current ??= tls.ClientCertificate;
        var handler = new SocketsHttpHandler
        {
            PooledConnectionLifetime = TimeSpan.FromMinutes(5),
            AutomaticDecompression = System.Net.DecompressionMethods.GZip,

            // proxy-url is not supported; HTTPS_PROXY/NO_PROXY still apply as for any HttpClient (client-go does the same).
            UseProxy = true,
        };
        ConnectionPhases.Apply(handler, bounds);
        handler.SslOptions.RemoteCertificateValidationCallback = (_, certificate, chain, errors) =>
            Validate(tls, certificate as X509Certificate2 ?? (certificate is null ? null : new X509Certificate2(certificate)), chain, errors);
        handler.SslOptions.LocalCertificateSelectionCallback = (_, _, _, _, _) => clientCertificate.Current!;
        return handler;
    }

    internal static bool Validate(KubeTlsSettings tls, X509Certificate2? certificate, X509Chain? chain, SslPolicyErrors errors)
    {
        if (tls.InsecureSkipTlsVerify)
        {
            return true;
        }

        if (certificate is null)
        {
            return false;
        }

        var nameOk = tls.TlsServerName is { } serverName
            ? certificate.MatchesHostname(serverName)
            : (errors & SslPolicyErrors.RemoteCertificateNameMismatch) == 0;
        if (!nameOk)
        {
            return false;
        }

        if (tls.CaCertificates is null || tls.CaCertificates.Count == 0)
        {
            return (errors & SslPolicyErrors.RemoteCertificateChainErrors) == 0;
        }

        using var custom = new X509Chain();
        custom.ChainPolicy.TrustMode = X509ChainTrustMode.CustomRootTrust;
        custom.ChainPolicy.RevocationMode = X509RevocationMode.NoCheck;
        custom.ChainPolicy.CustomTrustStore.AddRange(tls.CaCertificates);
        if (chain is not null)
        {
            foreach (var element in chain.ChainElements)
            {
                custom.ChainPolicy.ExtraStore.Add(element.Certificate);
            }
        }

        return custom.Build(certificate);
    }
}
