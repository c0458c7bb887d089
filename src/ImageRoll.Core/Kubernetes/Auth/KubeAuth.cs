using System.Net.Http.Headers;
using System.Security.Cryptography.X509Certificates;

namespace ImageRoll.Kubernetes;

/// <summary>What one request presents to the API server: an Authorization header and/or a TLS client certificate.</summary>
public sealed record KubeAuth(AuthenticationHeaderValue? Authorization, X509Certificate2? ClientCertificate)
{
    public static readonly KubeAuth Anonymous = new(null, null);
}
