using System.Net.Http.Headers;
using System.Security.Cryptography.X509Certificates;
using System.Text;

namespace ImageRoll.Kubernetes;

/// <summary>Credentials fixed in the kubeconfig: a bearer token, basic auth, a client certificate, or none.</summary>
public sealed class StaticCredentials : IKubeCredentials
{
    private readonly KubeAuth _auth;

    public StaticCredentials(KubeAuth auth, string description)
    {
        _auth = auth;
        Description = description;
    }

    public string Description { get; }

    public static StaticCredentials Anonymous { get; } = new(KubeAuth.Anonymous, "no credentials");

    public static StaticCredentials Bearer(string token, X509Certificate2? clientCertificate = null, string description = "token") =>
        new(new KubeAuth(new AuthenticationHeaderValue("Bearer", token), clientCertificate), description);

    public static StaticCredentials Basic(string username, string password, X509Certificate2? clientCertificate = null) =>
        new(new KubeAuth(new AuthenticationHeaderValue("Basic", Convert.ToBase64String(Encoding.UTF8.GetBytes($"{username}:{password}"))), clientCertificate), $"basic auth for user '{username}'");

    public static StaticCredentials Certificate(X509Certificate2 clientCertificate) =>
        new(new KubeAuth(null, clientCertificate), "client certificate");

    public ValueTask<KubeAuth> GetAsync(CancellationToken cancellationToken) => ValueTask.FromResult(_auth);

    public bool Invalidate() => false;
}
