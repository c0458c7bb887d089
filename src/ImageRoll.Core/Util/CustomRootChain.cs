using System.Security.Cryptography.X509Certificates;

namespace ImageRoll.Util;

/// <summary>
/// Verifies a server certificate against a given set of roots only (custom root trust, no revocation check), the
/// check both the Docker daemon client (ca.pem replaces the system roots, as docker/go-connections tlsconfig) and the
/// registry transport (--registry-ca) apply after the platform's own validation.
/// </summary>
internal static class CustomRootChain
{
    /// <summary>True when <paramref name="certificate"/> chains to one of <paramref name="roots"/>; the intermediates
    /// the server sent (<paramref name="serverChain"/>, when given) may complete the chain.</summary>
    public static bool Verifies(X509Certificate certificate, X509Certificate2Collection roots, X509Chain? serverChain = null)
    {
        using var chain = new X509Chain();
        chain.ChainPolicy.TrustMode = X509ChainTrustMode.CustomRootTrust;
        chain.ChainPolicy.CustomTrustStore.AddRange(roots);
        chain.ChainPolicy.RevocationMode = X509RevocationMode.NoCheck;
        if (serverChain is not null)
        {
            chain.ChainPolicy.ExtraStore.AddRange(serverChain.ChainPolicy.ExtraStore);
            foreach (var element in serverChain.ChainElements)
            {
                chain.ChainPolicy.ExtraStore.Add(element.Certificate);
            }
        }

        using var leaf = new X509Certificate2(certificate);
        return chain.Build(leaf);
    }
}
