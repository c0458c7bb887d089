using System.Security.Cryptography.X509Certificates;

namespace ImageRoll.Kubernetes;

/// <summary>
/// How to trust the API server: the cluster's CA certificates (null: the system's trust store), or no verification
/// (<c>insecure-skip-tls-verify</c>), and the name to verify the server's certificate against (<c>tls-server-name</c>).
/// </summary>
public sealed record KubeTlsSettings(
    X509Certificate2Collection? CaCertificates = null,
    bool InsecureSkipTlsVerify = false,
    string? TlsServerName = null,
    X509Certificate2? ClientCertificate = null);
