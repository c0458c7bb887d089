using System.Text;
using ImageRoll.Kubernetes;
using ImageRoll.Kubernetes.Models;

namespace ImageRoll.IntegrationTests.Kubernetes;

/// <summary>How the client trusts the simulator's HTTPS: its CA (custom trust), tls-server-name, insecure-skip-tls-verify.</summary>
public sealed class ClusterTlsTests(SimulatorKubeFixture fx) : IClassFixture<SimulatorKubeFixture>
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private string Kubeconfig(string clusterFields)
    {
        var path = Path.Combine(fx.Dir, $"tls-{Guid.NewGuid():N}.kubeconfig");
        File.WriteAllText(path, $"""
            apiVersion: v1
            kind: Config
            current-context: tls
            clusters:
            - name: tls
              cluster:
                server: {fx.Cluster.BaseUrl}
            {clusterFields}
            contexts:
            - name: tls
              context: {"{"}cluster: tls, user: admin{"}"}
            users:
            - name: admin
              user: {"{"}token: {fx.Cluster.AdminToken}{"}"}
            """);
        return path;
    }

    private string Ca => "    certificate-authority-data: " + Convert.ToBase64String(Encoding.ASCII.GetBytes(fx.Cluster.CaPem!));

    private async Task<string?> ReadNamespace(string kubeconfig)
    {
        using var client = fx.Client(kubeconfig);
        return (await client.GetAsync<KubeObject>(ResourceKind.Namespaces, null, "default", Ct)).Metadata.Name;
    }

    [Fact]
    public async Task Cluster_ca_is_trusted_and_tls_server_name_is_checked_against_the_certificate()
    {
        Assert.Equal("default", await ReadNamespace(Kubeconfig(Ca)));
        Assert.Equal("default", await ReadNamespace(Kubeconfig(Ca + "\n    tls-server-name: localhost")));

        var ex = await Assert.ThrowsAsync<ImageRollException>(() => ReadNamespace(Kubeconfig(Ca + "\n    tls-server-name: api.other.example")));
        Assert.Equal("IR3110", ex.Code);
        Assert.Equal(3, ex.ExitCode);
    }

    [Fact]
    public async Task Server_certificate_from_an_unknown_ca_is_refused_unless_verification_is_skipped()
    {
        var ex = await Assert.ThrowsAsync<ImageRollException>(() => ReadNamespace(Kubeconfig(string.Empty)));

        Assert.Equal("IR3110", ex.Code);
        Assert.Contains(fx.Cluster.BaseUrl, ex.Message, StringComparison.Ordinal);
        Assert.Contains("certificate-authority", ex.Hint, StringComparison.Ordinal);
        Assert.Equal("default", await ReadNamespace(Kubeconfig("    insecure-skip-tls-verify: true")));
    }
}
