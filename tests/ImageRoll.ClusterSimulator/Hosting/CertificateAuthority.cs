using System.Net;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;

namespace ImageRoll.ClusterSimulator.Hosting;

/// <summary>
/// A CA and a server certificate for 127.0.0.1/localhost, generated at startup (ECDSA P-256); the CA also signs client
/// certificates (<see cref="IssueClientCertificate"/>), as a cluster's client CA does for kubeconfig users.
/// </summary>
public sealed class CertificateAuthority : IDisposable
{
    private readonly X509Certificate2 _caWithKey;

    private CertificateAuthority(X509Certificate2 ca, X509Certificate2 server, X509Certificate2 caWithKey)
    {
        CaCertificate = ca;
        ServerCertificate = server;
        _caWithKey = caWithKey;
    }

    /// <summary>The CA certificate (public part) clients trust.</summary>
    public X509Certificate2 CaCertificate { get; }

    /// <summary>The server certificate with its private key.</summary>
    public X509Certificate2 ServerCertificate { get; }

    /// <summary>PEM of the CA certificate.</summary>
    public string CaPem => CaCertificate.ExportCertificatePem();

    public static CertificateAuthority Create()
    {
        var now = DateTimeOffset.UtcNow;
        using var caKey = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        var caRequest = new CertificateRequest("CN=imageroll-simulator-ca", caKey, HashAlgorithmName.SHA256);
        caRequest.CertificateExtensions.Add(new X509BasicConstraintsExtension(true, false, 0, true));
        caRequest.CertificateExtensions.Add(new X509KeyUsageExtension(X509KeyUsageFlags.KeyCertSign | X509KeyUsageFlags.CrlSign | X509KeyUsageFlags.DigitalSignature, true));
        var caSki = new X509SubjectKeyIdentifierExtension(caRequest.PublicKey, false);
        caRequest.CertificateExtensions.Add(caSki);
        var caWithKey = caRequest.CreateSelfSigned(now.AddDays(-1), now.AddYears(1));

        using var serverKey = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        var request = new CertificateRequest("CN=127.0.0.1", serverKey, HashAlgorithmName.SHA256);
        var san = new SubjectAlternativeNameBuilder();
        san.AddIpAddress(IPAddress.Loopback);
        san.AddDnsName("localhost");
        request.CertificateExtensions.Add(san.Build());
        request.CertificateExtensions.Add(new X509BasicConstraintsExtension(false, false, 0, true));
        request.CertificateExtensions.Add(new X509KeyUsageExtension(X509KeyUsageFlags.DigitalSignature | X509KeyUsageFlags.KeyEncipherment, true));
        request.CertificateExtensions.Add(new X509EnhancedKeyUsageExtension([new Oid("1.3.6.1.5.5.7.3.1")], false));
        request.CertificateExtensions.Add(X509AuthorityKeyIdentifierExtension.CreateFromSubjectKeyIdentifier(caSki));
        var serial = RandomNumberGenerator.GetBytes(16);
        serial[0] &= 0x7F;
        using var issued = request.Create(caWithKey, now.AddDays(-1), now.AddDays(364), serial);
        using var withKey = issued.CopyWithPrivateKey(serverKey);

        // Round-trip through PKCS#12 so the key is usable by SslStream on every platform.
        var server = X509CertificateLoader.LoadPkcs12(withKey.Export(X509ContentType.Pkcs12), null);
        var ca = X509CertificateLoader.LoadCertificate(caWithKey.Export(X509ContentType.Cert));
        return new CertificateAuthority(ca, server, caWithKey);
    }

    /// <summary>
    /// A client certificate signed by this CA for user <paramref name="user"/> (the subject's CN) in
    /// <paramref name="groups"/> (its O values), as <c>kubeadm</c> issues an admin's (CN=kubernetes-admin,
    /// O=system:masters): the certificate and its private key, both PEM.
    /// </summary>
    public (string CertificatePem, string KeyPem) IssueClientCertificate(string user, params string[] groups)
    {
        var now = DateTimeOffset.UtcNow;
        using var key = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        var subject = new X500DistinguishedNameBuilder();
        foreach (var group in groups)
        {
            subject.AddOrganizationName(group);
        }

        subject.AddCommonName(user);
        var request = new CertificateRequest(subject.Build(), key, HashAlgorithmName.SHA256);
        request.CertificateExtensions.Add(new X509BasicConstraintsExtension(false, false, 0, true));
        request.CertificateExtensions.Add(new X509KeyUsageExtension(X509KeyUsageFlags.DigitalSignature | X509KeyUsageFlags.KeyEncipherment, true));
        request.CertificateExtensions.Add(new X509EnhancedKeyUsageExtension([new Oid("1.3.6.1.5.5.7.3.2")], false));
        var serial = RandomNumberGenerator.GetBytes(16);
        serial[0] &= 0x7F;
        using var issued = request.Create(_caWithKey, now.AddDays(-1), now.AddDays(30), serial);
        return (issued.ExportCertificatePem(), key.ExportPkcs8PrivateKeyPem());
    }

    /// <summary>
    /// The user and groups of a client certificate that chains to this CA and may be used for client authentication,
    /// or null: what kube-apiserver's x509 authenticator does (k8s.io/apiserver pkg/authentication/request/x509/
    /// x509.go <c>Authenticator.AuthenticateRequest</c> verifies against the client CA with ExtKeyUsageClientAuth,
    /// then <c>CommonNameUserConversion</c>: user = subject CN, groups = subject O).
    /// </summary>
    public (string User, IReadOnlyList<string> Groups)? Verify(X509Certificate2? certificate)
    {
        if (certificate is null)
        {
            return null;
        }

        using var chain = new X509Chain();
        chain.ChainPolicy.TrustMode = X509ChainTrustMode.CustomRootTrust;
        chain.ChainPolicy.CustomTrustStore.Add(CaCertificate);
        chain.ChainPolicy.RevocationMode = X509RevocationMode.NoCheck;
        chain.ChainPolicy.ApplicationPolicy.Add(new Oid("1.3.6.1.5.5.7.3.2"));
        if (!chain.Build(certificate))
        {
            return null;
        }

        var parts = certificate.SubjectName.EnumerateRelativeDistinguishedNames().ToList();
        var user = parts.FirstOrDefault(p => p.GetSingleElementType().Value == "2.5.4.3")?.GetSingleElementValue();
        if (string.IsNullOrEmpty(user))
        {
            return null;
        }

        return (user, [.. parts.Where(p => p.GetSingleElementType().Value == "2.5.4.10").Select(p => p.GetSingleElementValue() ?? string.Empty)]);
    }

    public void Dispose()
    {
        CaCertificate.Dispose();
        ServerCertificate.Dispose();
        _caWithKey.Dispose();
    }
}
