using ImageRoll.Kubernetes;
using ImageRoll.Kubernetes.Models;

namespace ImageRoll.Core.Tests.Kubernetes;

/// <summary>Client certificates reach the TLS handshake, whether the kubeconfig holds them or an exec plugin returns them.</summary>
public sealed class ClientCertificateTlsTests : IDisposable
{
    private const string Pod = """{"kind":"Pod","apiVersion":"v1","metadata":{"name":"p"}}""";
    private readonly KubeconfigFixture _fx = new();

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    public void Dispose() => _fx.Dispose();

    private async Task<string?> PresentedSubject(TlsTestServer server, string userYaml)
    {
        var path = _fx.Write($"config-{Guid.NewGuid():N}", KubeconfigFixture.Simple(userYaml,
            "    certificate-authority-data: " + KubeconfigFixture.B64(server.CaPem), server: server.Url));
        using var client = KubeClientFactory.Create(new KubeConnectionOptions(path), n => _fx.Env.TryGetValue(n, out var v) ? v : null);
        var pod = await client.GetAsync<KubeObject>(ResourceKind.Pods, null, "p", Ct);
        Assert.Equal("p", pod.Metadata.Name);
        return Assert.Single(server.ClientSubjects);
    }

    [Fact]
    public async Task Kubeconfig_client_certificate_is_presented_and_the_cluster_ca_is_trusted()
    {
        await using var server = new TlsTestServer(Pod);
        var (cert, key) = KubeconfigFixture.ClientCertificate(ec: true);
        _fx.Write("client.crt", cert);
        _fx.Write("client.key", key);

        Assert.Equal("CN=imageroll-test", await PresentedSubject(server, "client-certificate: client.crt\nclient-key: client.key"));
    }

    [Fact]
    public async Task Exec_plugin_client_certificate_is_presented()
    {
        await using var server = new TlsTestServer(Pod);
        var (cert, key) = KubeconfigFixture.ClientCertificate(ec: false);
        var doc = new System.Text.Json.Nodes.JsonObject
        {
            ["apiVersion"] = "client.authentication.k8s.io/v1beta1",
            ["kind"] = "ExecCredential",
            ["status"] = new System.Text.Json.Nodes.JsonObject { ["clientCertificateData"] = cert, ["clientKeyData"] = key },
        };
        _fx.Write("cred.json", doc.ToJsonString());
        _fx.Script("plugin.sh", $"cat '{Path.Combine(_fx.Dir, "cred.json")}'");

        Assert.Equal("CN=imageroll-test", await PresentedSubject(server, "exec:\n  apiVersion: client.authentication.k8s.io/v1beta1\n  command: ./plugin.sh"));
    }
}
