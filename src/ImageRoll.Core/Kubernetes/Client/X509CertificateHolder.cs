using System.Security.Cryptography.X509Certificates;

namespace ImageRoll.Kubernetes;

/// <summary>
/// The client certificate the TLS handshake presents: fixed by the kubeconfig, or replaced when an exec plugin
/// returns a new one (status.clientCertificateData).
/// </summary>
internal sealed class X509CertificateHolder
{
    private X509Certificate2? _current;

    public X509Certificate2? Current
    {
        get => Volatile.Read(ref _current);
        set => Volatile.Write(ref _current, value);
    }
}
