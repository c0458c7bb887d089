using ImageRoll.Kubernetes;

namespace ImageRoll.Core.Tests.Kubernetes;

public sealed class KubeconfigLoaderTests : IDisposable
{
    private readonly KubeconfigFixture _fx = new();

    public void Dispose() => _fx.Dispose();

    private static string Config(string currentContext, string clusterName, string server, string contextName, string? user = null) => $"""
        apiVersion: v1
        kind: Config
        {(currentContext.Length > 0 ? "current-context: " + currentContext : string.Empty)}
        clusters:
        - name: {clusterName}
          cluster:
            server: {server}
        contexts:
        - name: {contextName}
          context:
            cluster: {clusterName}
            user: {user ?? "u-" + contextName}
            namespace: ns-{contextName}
        users:
        - name: {user ?? "u-" + contextName}
          user:
            token: t-{contextName}
        """;

    [Fact]
    public void Merge_first_file_wins_for_a_name_defined_twice()
    {
        var a = _fx.Write("a.yaml", Config("one", "shared", "https://first:6443", "one"));
        var b = _fx.Write("b.yaml", Config("two", "shared", "https://second:6443", "two"));
        _fx.Env["KUBECONFIG"] = $"{a}:{b}";

        var two = _fx.Load(context: "two");

        // Context 'two' comes from b.yaml, but the cluster 'shared' it names is a.yaml's (first file wins).
        Assert.Equal("https://first:6443/", two.Server.AbsoluteUri);
        Assert.Equal("ns-two", two.Namespace);
    }

    [Fact]
    public void Merge_takes_current_context_from_the_first_file_that_sets_it()
    {
        var a = _fx.Write("a.yaml", Config(string.Empty, "ca", "https://a:6443", "one"));
        var b = _fx.Write("b.yaml", Config("two", "cb", "https://b:6443", "two"));
        var c = _fx.Write("c.yaml", Config("one", "cc", "https://c:6443", "three"));
        _fx.Env["KUBECONFIG"] = $"{a}:{b}:{c}";

        var config = _fx.Load();

        Assert.Equal("two", config.ContextName);
        Assert.Equal("https://b:6443/", config.Server.AbsoluteUri);
        Assert.Equal($"{a}, {b}, {c}", config.Source);
    }

    [Fact]
    public void Missing_files_in_KUBECONFIG_are_ignored()
    {
        var b = _fx.Write("b.yaml", Config("two", "cb", "https://b:6443", "two"));
        _fx.Env["KUBECONFIG"] = $"{Path.Combine(_fx.Dir, "nope.yaml")}::{b}";

        Assert.Equal("two", _fx.Load().ContextName);
    }

    [Fact]
    public void Explicit_kubeconfig_must_exist_and_names_the_path()
    {
        var missing = Path.Combine(_fx.Dir, "missing.yaml");

        var ex = _fx.Fails(kubeconfig: missing);

        Assert.Equal("IR3000", ex.Code);
        Assert.Equal(2, ex.ExitCode);
        Assert.Contains(missing, ex.Message, StringComparison.Ordinal);
        Assert.Contains("--kubeconfig", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Explicit_kubeconfig_is_used_alone_ignoring_KUBECONFIG()
    {
        var a = _fx.Write("a.yaml", Config("one", "ca", "https://a:6443", "one"));
        var b = _fx.Write("b.yaml", Config("two", "cb", "https://b:6443", "two"));
        _fx.Env["KUBECONFIG"] = a;

        var config = _fx.Load(kubeconfig: b);

        Assert.Equal("https://b:6443/", config.Server.AbsoluteUri);
        Assert.Throws<ImageRollException>(() => _fx.Load(kubeconfig: b, context: "one"));
    }

    [Fact]
    public void Home_kube_config_is_the_default()
    {
        _fx.Write("home/.kube/config", Config("one", "ca", "https://home:6443", "one"));

        Assert.Equal("https://home:6443/", _fx.Load().Server.AbsoluteUri);
    }

    [Fact]
    public void No_kubeconfig_anywhere_and_not_in_a_pod_is_IR3001()
    {
        var ex = _fx.Fails();

        Assert.Equal("IR3001", ex.Code);
        Assert.Contains("KUBERNETES_SERVICE_HOST", ex.Message, StringComparison.Ordinal);
        Assert.Contains("--kubeconfig", ex.Hint, StringComparison.Ordinal);
    }

    [Fact]
    public void Namespace_comes_from_the_flag_then_the_context_then_default()
    {
        var withNs = _fx.Write("a.yaml", KubeconfigFixture.Simple("token: x", ns: "team"));
        var withoutNs = _fx.Write("b.yaml", KubeconfigFixture.Simple("token: x"));

        Assert.Equal("team", _fx.Load(withNs).Namespace);
        Assert.Equal("other", _fx.Load(withNs, ns: "other").Namespace);
        Assert.Equal("default", _fx.Load(withoutNs).Namespace);
    }

    [Fact]
    public void Unknown_context_lists_the_known_ones()
    {
        var a = _fx.Write("a.yaml", Config("one", "ca", "https://a:6443", "one"));

        var ex = _fx.Fails(a, context: "prod");

        Assert.Equal("IR3003", ex.Code);
        Assert.Contains("'prod'", ex.Message, StringComparison.Ordinal);
        Assert.Contains("--context", ex.Message, StringComparison.Ordinal);
        Assert.Contains("known: one", ex.Hint, StringComparison.Ordinal);
    }

    [Fact]
    public void Missing_current_context_is_IR3004()
    {
        var a = _fx.Write("a.yaml", Config(string.Empty, "ca", "https://a:6443", "one"));

        var ex = _fx.Fails(a);

        Assert.Equal("IR3004", ex.Code);
        Assert.Contains("current-context", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Context_naming_an_undefined_cluster_or_user_names_the_field()
    {
        var a = _fx.Write("a.yaml", """
            current-context: x
            contexts:
            - name: x
              context: {cluster: nowhere, user: nobody}
            - name: y
              context: {cluster: c, user: nobody}
            clusters:
            - name: c
              cluster: {server: "https://c:6443"}
            """);

        var cluster = _fx.Fails(a);
        var user = _fx.Fails(a, "y");

        Assert.Equal("IR3005", cluster.Code);
        Assert.Contains("contexts[x].cluster", cluster.Message, StringComparison.Ordinal);
        Assert.Contains("known: c", cluster.Hint, StringComparison.Ordinal);
        Assert.Equal("IR3006", user.Code);
        Assert.Contains("contexts[y].user", user.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("")]
    [InlineData("api.example:6443")]
    [InlineData("ftp://api.example")]
    public void Bad_server_names_the_field(string server)
    {
        var a = _fx.Write("a.yaml", KubeconfigFixture.Simple("token: x", server: $"\"{server}\""));

        var ex = _fx.Fails(a);

        Assert.Equal("IR3007", ex.Code);
        Assert.Contains("clusters[c].server", ex.Message, StringComparison.Ordinal);
        Assert.Contains(a, ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Invalid_yaml_names_the_file_and_line()
    {
        var a = _fx.Write("a.yaml", "clusters:\n- name: c\n  cluster: [unclosed\n");

        var ex = _fx.Fails(a);

        Assert.Equal("IR3002", ex.Code);
        Assert.Contains(a, ex.Message, StringComparison.Ordinal);
        Assert.Contains("line", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Bad_base64_in_certificate_authority_data_names_the_field()
    {
        var a = _fx.Write("a.yaml", KubeconfigFixture.Simple("token: x", "    certificate-authority-data: not*base64!"));

        var ex = _fx.Fails(a);

        Assert.Equal("IR3008", ex.Code);
        Assert.Equal(2, ex.ExitCode);
        Assert.Contains("clusters[c].certificate-authority-data", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Missing_certificate_authority_file_names_the_path_and_field()
    {
        var a = _fx.Write("a.yaml", KubeconfigFixture.Simple("token: x", "    certificate-authority: certs/ca.crt"));

        var ex = _fx.Fails(a);

        Assert.Equal("IR3009", ex.Code);
        Assert.Contains(Path.Combine(_fx.Dir, "certs", "ca.crt"), ex.Message, StringComparison.Ordinal);
        Assert.Contains("clusters[c].certificate-authority", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Certificate_authority_that_is_not_pem_is_IR3010()
    {
        var a = _fx.Write("a.yaml", KubeconfigFixture.Simple("token: x", "    certificate-authority-data: " + KubeconfigFixture.B64("hello")));

        var ex = _fx.Fails(a);

        Assert.Equal("IR3010", ex.Code);
        Assert.Contains("clusters[c].certificate-authority-data", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Relative_paths_resolve_against_the_kubeconfig_directory_and_tls_settings_load()
    {
        var (certPem, _) = KubeconfigFixture.ClientCertificate(ec: false);
        _fx.Write("cfg/pki/ca.crt", certPem);
        _fx.Write("cfg/secrets/token", "file-token\n");
        var a = _fx.Write("cfg/config", KubeconfigFixture.Simple("tokenFile: secrets/token", "    certificate-authority: pki/ca.crt\n    tls-server-name: api.internal"));

        var config = _fx.Load(a);

        Assert.NotNull(config.Tls.CaCertificates);
        Assert.Single(config.Tls.CaCertificates!);
        Assert.Equal("api.internal", config.Tls.TlsServerName);
        Assert.False(config.Tls.InsecureSkipTlsVerify);
        var auth = await config.Credentials.GetAsync(TestContext.Current.CancellationToken);
        Assert.Equal("Bearer file-token", auth.Authorization?.ToString());
    }

    [Fact]
    public void Insecure_skip_tls_verify_is_honoured()
    {
        var a = _fx.Write("a.yaml", KubeconfigFixture.Simple("token: x", "    insecure-skip-tls-verify: true"));

        Assert.True(_fx.Load(a).Tls.InsecureSkipTlsVerify);
    }
}
