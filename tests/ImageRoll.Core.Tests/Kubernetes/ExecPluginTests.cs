using System.Text.Json.Nodes;
using ImageRoll.Kubernetes;

namespace ImageRoll.Core.Tests.Kubernetes;

public sealed class ExecPluginTests : IDisposable
{
    private readonly KubeconfigFixture _fx = new();

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    public void Dispose() => _fx.Dispose();

    private static string Exec(string command, string apiVersion = "client.authentication.k8s.io/v1", string extra = "interactiveMode: Never") =>
        $"exec:\n  apiVersion: {apiVersion}\n  command: {command}\n  {extra.Replace("\n", "\n  ", StringComparison.Ordinal)}";

    private IKubeCredentials Credentials(string userYaml, string clusterExtra = "") =>
        _fx.Load(_fx.Write("config", KubeconfigFixture.Simple(userYaml, clusterExtra))).Credentials;

    [Fact]
    public async Task Plugin_gets_args_env_and_cluster_info_and_its_token_is_the_bearer()
    {
        var info = Path.Combine(_fx.Dir, "exec-info.json");
        _fx.Script("plugin.sh", $$$"""
            printf '%s' "$KUBERNETES_EXEC_INFO" > '{{{info}}}'
            echo '{"apiVersion":"client.authentication.k8s.io/v1","kind":"ExecCredential","status":{"token":"tok-'"$1"'-'"$REGION"'"}}'
            """);
        var creds = Credentials(Exec("./plugin.sh", extra: "interactiveMode: IfAvailable\nprovideClusterInfo: true\nargs: [eks]\nenv:\n- name: REGION\n  value: eu-1"),
            "    tls-server-name: api.internal");

        var auth = await creds.GetAsync(Ct);

        Assert.Equal("Bearer tok-eks-eu-1", auth.Authorization?.ToString());
        var execInfo = JsonNode.Parse(File.ReadAllText(info))!;
        Assert.Equal("ExecCredential", (string?)execInfo["kind"]);
        Assert.False((bool)execInfo["spec"]!["interactive"]!);
        Assert.Equal("https://api.example:6443", (string?)execInfo["spec"]!["cluster"]!["server"]);
        Assert.Equal("api.internal", (string?)execInfo["spec"]!["cluster"]!["tls-server-name"]);
    }

    [Fact]
    public async Task Plugin_token_is_cached_until_its_expiration_timestamp()
    {
        var counter = Path.Combine(_fx.Dir, "runs");
        var future = DateTimeOffset.UtcNow.AddHours(1).ToString("yyyy-MM-ddTHH:mm:ssZ", System.Globalization.CultureInfo.InvariantCulture);
        _fx.Script("cached.sh", $$$"""
            echo run >> '{{{counter}}}'
            echo '{"apiVersion":"client.authentication.k8s.io/v1beta1","kind":"ExecCredential","status":{"token":"t","expirationTimestamp":"{{{future}}}"}}'
            """);
        _fx.Script("expired.sh", $$$"""
            echo run >> '{{{counter}}}.expired'
            echo '{"apiVersion":"client.authentication.k8s.io/v1beta1","kind":"ExecCredential","status":{"token":"t","expirationTimestamp":"2020-01-01T00:00:00Z"}}'
            """);

        var cached = Credentials(Exec("./cached.sh", "client.authentication.k8s.io/v1beta1", "installHint: none"));
        await cached.GetAsync(Ct);
        await cached.GetAsync(Ct);
        var expired = Credentials(Exec("./expired.sh", "client.authentication.k8s.io/v1beta1", "installHint: none"));
        await expired.GetAsync(Ct);
        await expired.GetAsync(Ct);

        Assert.Single(File.ReadAllLines(counter));
        Assert.Equal(2, File.ReadAllLines(counter + ".expired").Length);
        Assert.True(cached.Invalidate());
        await cached.GetAsync(Ct);
        Assert.Equal(2, File.ReadAllLines(counter).Length);
    }

    [Fact]
    public async Task Plugin_may_return_a_client_certificate()
    {
        var (cert, key) = KubeconfigFixture.ClientCertificate(ec: true);
        var status = new JsonObject { ["clientCertificateData"] = cert, ["clientKeyData"] = key };
        var doc = new JsonObject { ["apiVersion"] = "client.authentication.k8s.io/v1", ["kind"] = "ExecCredential", ["status"] = status };
        _fx.Write("cred.json", doc.ToJsonString());
        _fx.Script("certplugin.sh", $"cat '{Path.Combine(_fx.Dir, "cred.json")}'");

        var auth = await Credentials(Exec("./certplugin.sh")).GetAsync(Ct);

        Assert.Null(auth.Authorization);
        Assert.True(auth.ClientCertificate?.HasPrivateKey);
    }

    [Fact]
    public async Task Failing_plugin_reports_the_last_line_of_its_stderr()
    {
        _fx.Script("fail.sh", "echo 'starting' >&2\necho 'error: SSO session expired, run aws sso login' >&2\nexit 7");
        var creds = Credentials(Exec("./fail.sh"));

        var ex = await Assert.ThrowsAsync<ImageRollException>(() => creds.GetAsync(Ct).AsTask());

        Assert.Equal("IR3013", ex.Code);
        Assert.Equal(2, ex.ExitCode);
        Assert.Contains("exited with code 7: error: SSO session expired, run aws sso login", ex.Message, StringComparison.Ordinal);
        Assert.Contains("users[u].exec", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Missing_plugin_names_the_command_and_the_install_hint()
    {
        var creds = Credentials(Exec("imageroll-no-such-plugin", extra: "interactiveMode: Never\ninstallHint: 'Install it with: brew install no-such-plugin'"));

        var ex = await Assert.ThrowsAsync<ImageRollException>(() => creds.GetAsync(Ct).AsTask());

        Assert.Equal("IR3012", ex.Code);
        Assert.Contains("'imageroll-no-such-plugin'", ex.Message, StringComparison.Ordinal);
        Assert.Contains("users[u].exec.command", ex.Message, StringComparison.Ordinal);
        Assert.Equal("Install it with: brew install no-such-plugin", ex.Hint);
    }

    [Fact]
    public async Task Plugin_output_that_is_not_an_exec_credential_is_IR3014()
    {
        _fx.Script("garbage.sh", "echo 'not json'");
        _fx.Script("wrongversion.sh", "echo '{\"apiVersion\":\"client.authentication.k8s.io/v1beta1\",\"kind\":\"ExecCredential\",\"status\":{\"token\":\"t\"}}'");

        var garbage = await Assert.ThrowsAsync<ImageRollException>(() => Credentials(Exec("./garbage.sh")).GetAsync(Ct).AsTask());
        var wrong = await Assert.ThrowsAsync<ImageRollException>(() => Credentials(Exec("./wrongversion.sh")).GetAsync(Ct).AsTask());

        Assert.Equal("IR3014", garbage.Code);
        Assert.Equal("IR3014", wrong.Code);
        Assert.Contains("client.authentication.k8s.io/v1beta1", wrong.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("client.authentication.k8s.io/v1", "installHint: x", "interactiveMode must be specified")]
    [InlineData("client.authentication.k8s.io/v1", "interactiveMode: Always", "interactiveMode")]
    [InlineData("client.authentication.k8s.io/v1alpha1", "interactiveMode: Never", "users[u].exec.apiVersion")]
    public void Plugin_configuration_kubectl_refuses_is_IR3015(string apiVersion, string extra, string named)
    {
        var ex = _fx.Fails(_fx.Write("config", KubeconfigFixture.Simple(Exec("plugin", apiVersion, extra))));

        Assert.Equal("IR3015", ex.Code);
        Assert.Contains(named, ex.Message, StringComparison.Ordinal);
    }
}
