using ImageRoll.Kubernetes;

namespace ImageRoll.Core.Tests.Kubernetes;

/// <summary>The kubeconfig YAML reader (YamlDotNet's node tree, no reflection): every field, YAML forms, bad shapes.</summary>
public sealed class KubeconfigReaderTests
{
    [Fact]
    public void Reads_every_field_kubectl_names_and_ignores_the_rest()
    {
        var doc = KubeconfigReader.Read("""
            apiVersion: v1
            kind: Config
            preferences: {colors: true}
            current-context: "ctx"
            clusters:
            - name: c
              cluster: &c
                server: https://api.example:6443
                certificate-authority: ca.crt
                certificate-authority-data: Q0E=
                insecure-skip-tls-verify: yes
                tls-server-name: api.internal
                proxy-url: http://proxy:3128
                extensions: [{name: x, extension: {a: 1}}]
            - name: alias
              cluster: *c
            - name: empty
              cluster:
            users:
            - name: u
              user:
                token: 'tok'
                tokenFile: /run/token
                client-certificate: c.crt
                client-certificate-data: Q0VSVA==
                client-key: c.key
                client-key-data: S0VZ
                username: ~
                password: null
                exec:
                  apiVersion: client.authentication.k8s.io/v1
                  command: plugin
                  args: [get-token, "--cluster", 42]
                  env:
                  - {name: A, value: "1"}
                  installHint: install it
                  provideClusterInfo: true
                  interactiveMode: Never
                auth-provider:
                  name: oidc
                  config: {idp-issuer-url: https://issuer, client-id: x}
            contexts:
            - name: ctx
              context: {cluster: c, user: u, namespace: team}
            """)!;

        Assert.Equal("ctx", doc.CurrentContext);
        Assert.Equal(["c", "alias", "empty"], doc.Clusters!.Select(c => c.Name));
        var cluster = doc.Clusters![0].Value!;
        Assert.Equal("https://api.example:6443", cluster.Server);
        Assert.Equal(("ca.crt", "Q0E="), (cluster.CertificateAuthority, cluster.CertificateAuthorityData));
        Assert.True(cluster.InsecureSkipTlsVerify);
        Assert.Equal(("api.internal", "http://proxy:3128"), (cluster.TlsServerName, cluster.ProxyUrl));
        Assert.Equal("https://api.example:6443", doc.Clusters[1].Value!.Server);
        Assert.Null(doc.Clusters[2].Value);

        var user = doc.Users!.Single().Value!;
        Assert.Equal(("tok", "/run/token"), (user.Token, user.TokenFile));
        Assert.Equal(("c.crt", "Q0VSVA==", "c.key", "S0VZ"), (user.ClientCertificate, user.ClientCertificateData, user.ClientKey, user.ClientKeyData));
        Assert.Null(user.Username);
        Assert.Null(user.Password);
        Assert.Equal("plugin", user.Exec!.Command);
        Assert.Equal(["get-token", "--cluster", "42"], user.Exec.Args!);
        Assert.Equal(("A", "1"), (user.Exec.Env!.Single().Name, user.Exec.Env!.Single().Value));
        Assert.Equal(("client.authentication.k8s.io/v1", "install it", "Never"), (user.Exec.ApiVersion, user.Exec.InstallHint, user.Exec.InteractiveMode));
        Assert.True(user.Exec.ProvideClusterInfo);
        Assert.Equal("oidc", user.AuthProvider!.Name);
        Assert.Equal("https://issuer", user.AuthProvider.Config!["idp-issuer-url"]);

        var context = doc.Contexts!.Single().Value!;
        Assert.Equal(("c", "u", "team"), (context.Cluster, context.User, context.Namespace));
    }

    [Theory]
    [InlineData("")]
    [InlineData("# only a comment\n")]
    [InlineData("~\n")]
    public void An_empty_file_is_no_document(string text) => Assert.Null(KubeconfigReader.Read(text));

    [Theory]
    [InlineData("clusters: just-a-string\n", "line 1")]
    [InlineData("clusters:\n- name: c\n  cluster:\n    server: [a, b]\n", "line 4")]
    [InlineData("clusters:\n- name: c\n  cluster:\n    insecure-skip-tls-verify: maybe\n", "line 4")]
    [InlineData("- a\n- b\n", "line 1")]
    public void A_known_key_of_the_wrong_shape_is_IR3002_at_its_line(string text, string where)
    {
        using var fx = new KubeconfigFixture();
        var file = fx.Write("config", text);

        var ex = fx.Fails(file);

        Assert.Equal("IR3002", ex.Code);
        Assert.Equal(FailureKind.BadInput, ex.Kind);
        Assert.Contains(where, ex.Message, StringComparison.Ordinal);
    }
}
