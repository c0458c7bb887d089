using ImageRoll.Kubernetes;

namespace ImageRoll.Core.Tests.Kubernetes;

public sealed class InClusterConfigTests : IDisposable
{
    private readonly KubeconfigFixture _fx = new();

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    public void Dispose() => _fx.Dispose();

    [Fact]
    public async Task In_cluster_reads_the_service_account_and_rereads_a_rotated_token()
    {
        var (ca, _) = KubeconfigFixture.ClientCertificate(ec: false);
        var token = _fx.Write("sa/token", "first-token");
        _fx.Write("sa/ca.crt", ca);
        _fx.Write("sa/namespace", "ci\n");
        _fx.Env["KUBERNETES_SERVICE_HOST"] = "10.0.0.1";
        _fx.Env["KUBERNETES_SERVICE_PORT"] = "443";

        var config = _fx.Load(serviceAccountDir: Path.Combine(_fx.Dir, "sa"));
        var first = await config.Credentials.GetAsync(Ct);
        File.WriteAllText(token, "second-token-rotated");
        File.SetLastWriteTimeUtc(token, DateTime.UtcNow.AddSeconds(5));
        var second = await config.Credentials.GetAsync(Ct);

        Assert.Equal("https://10.0.0.1/", config.Server.AbsoluteUri);
        Assert.Equal("ci", config.Namespace);
        Assert.Single(config.Tls.CaCertificates!);
        Assert.Equal("Bearer first-token", first.Authorization?.ToString());
        Assert.Equal("Bearer second-token-rotated", second.Authorization?.ToString());
    }

    [Fact]
    public void A_kubeconfig_wins_over_in_cluster_and_n_overrides_the_namespace_file()
    {
        _fx.Write("sa/token", "t");
        _fx.Write("sa/namespace", "ci");
        _fx.Env["KUBERNETES_SERVICE_HOST"] = "fd00::1";
        _fx.Env["KUBERNETES_SERVICE_PORT"] = "6443";

        var inCluster = _fx.Load(ns: "prod", serviceAccountDir: Path.Combine(_fx.Dir, "sa"));
        _fx.Write("home/.kube/config", KubeconfigFixture.Simple("token: x"));
        var fromFile = _fx.Load(serviceAccountDir: Path.Combine(_fx.Dir, "sa"));

        Assert.Equal("https://[fd00::1]:6443/", inCluster.Server.AbsoluteUri);
        Assert.Equal("prod", inCluster.Namespace);
        Assert.Null(inCluster.Tls.CaCertificates);
        Assert.Equal("https://api.example:6443/", fromFile.Server.AbsoluteUri);
    }

    [Fact]
    public void In_cluster_without_a_token_is_IR3017_naming_the_path()
    {
        _fx.Env["KUBERNETES_SERVICE_HOST"] = "10.0.0.1";
        _fx.Env["KUBERNETES_SERVICE_PORT"] = "443";

        var ex = Assert.Throws<ImageRollException>(() => _fx.Load(serviceAccountDir: Path.Combine(_fx.Dir, "nosa")));

        Assert.Equal("IR3017", ex.Code);
        Assert.Contains(Path.Combine(_fx.Dir, "nosa", "token"), ex.Message, StringComparison.Ordinal);
    }
}
