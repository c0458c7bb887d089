using System.Net;
using System.Net.Sockets;
using ImageRoll.Cli;
using ImageRoll.Cli.Console;
using ImageRoll.Kubernetes;
using ImageRoll.Kubernetes.Models;

namespace ImageRoll.IntegrationTests.Kubernetes;

/// <summary>Unreachable server, expired token and forbidden verb: one line of cause, one of hint, exit code 3.</summary>
public sealed class ClusterFailureTests(SimulatorKubeFixture fx) : IClassFixture<SimulatorKubeFixture>
{
    private const string Digest = "sha256:2222222222222222222222222222222222222222222222222222222222222222";

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private async Task<string> Deployment()
    {
        var name = "fail-" + Guid.NewGuid().ToString("N")[..6];
        (await fx.Kubectl("create", "deployment", name, "--image=127.0.0.1:5000/apps/web:v1")).EnsureSuccess("kubectl create deployment");
        return name;
    }

    private string UnreachableKubeconfig()
    {
        // A port that was free a moment ago: nothing listens there.
        var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        var port = ((IPEndPoint)listener.LocalEndpoint).Port;
        listener.Stop();
        var path = Path.Combine(fx.Dir, $"unreachable-{port}.kubeconfig");
        File.WriteAllText(path, File.ReadAllText(fx.AdminKubeconfig).Replace(fx.Cluster.BaseUrl, $"https://127.0.0.1:{port}", StringComparison.Ordinal));
        return path;
    }

    [Fact]
    public async Task Forbidden_verb_names_the_rbac_rule_with_the_words_kubectl_prints()
    {
        var name = await Deployment();
        using var client = fx.Client(fx.RestrictedKubeconfig);

        var read = await client.GetAsync<KubeObject>(ResourceKind.Deployments, null, name, Ct);
        var ex = await Assert.ThrowsAsync<KubeApiException>(() =>
            client.PatchAsync<KubeObject>(ResourceKind.Deployments, null, name, PatchType.Merge, """{"metadata":{"labels":{"x":"y"}}}""", null, Ct));
        var kubectl = await fx.Kubectl(["label", "deployment", name, "x=y"], fx.RestrictedKubeconfig);

        Assert.Equal(name, read.Metadata.Name);
        Assert.Equal("IR3104", ex.Code);
        Assert.Equal(3, ex.ExitCode);
        Assert.Equal($"deployments.apps \"{name}\" is forbidden: User \"system:serviceaccount:ci:builder\" cannot patch resource \"deployments\" in API group \"apps\" in the namespace \"default\"", ex.Message);
        Assert.Contains($"Error from server (Forbidden): {ex.Message}", kubectl.Stderr, StringComparison.Ordinal);
        Assert.Equal("system:serviceaccount:ci:builder needs verb patch on deployments.apps in namespace default; ask an admin to grant it, e.g. oc adm policy add-role-to-user edit system:serviceaccount:ci:builder -n default.", ex.Hint);
    }

    [Fact]
    public async Task Expired_token_says_to_log_in_again()
    {
        using var client = fx.Client(fx.ExpiredKubeconfig);

        var ex = await Assert.ThrowsAsync<KubeApiException>(() => client.ListAsync<KubeObject>(ResourceKind.Deployments, null, null, Ct));
        var kubectl = await fx.Kubectl(["get", "deployments"], fx.ExpiredKubeconfig);

        Assert.Equal("IR3105", ex.Code);
        Assert.Equal(3, ex.ExitCode);
        Assert.True(ex.IsUnauthorized);
        Assert.Contains(fx.Cluster.BaseUrl, ex.Message, StringComparison.Ordinal);
        Assert.Contains("oc login", ex.Hint, StringComparison.Ordinal);
        Assert.DoesNotContain(fx.Cluster.ExpiredToken, ex.ToString(), StringComparison.Ordinal);
        Assert.True(kubectl.Stderr.Contains("You must be logged in to the server", StringComparison.Ordinal), kubectl.Stderr);
    }

    [Fact]
    public async Task Unreachable_server_names_the_url_and_context()
    {
        var path = UnreachableKubeconfig();
        using var client = fx.Client(path);

        var ex = await Assert.ThrowsAsync<ImageRollException>(() => client.GetAsync<KubeObject>(ResourceKind.Deployments, null, "x", Ct));
        var kubectl = await fx.Kubectl(["get", "deployment", "x"], path);

        Assert.Equal("IR3100", ex.Code);
        Assert.Equal(3, ex.ExitCode);
        Assert.Contains($"{client.Config.Server}", ex.Message, StringComparison.Ordinal);
        Assert.Contains("context 'simulator'", ex.Message, StringComparison.Ordinal);
        Assert.Contains("refused", kubectl.Stderr, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("expired", "IR3105")]
    [InlineData("restricted", "IR3104")]
    [InlineData("unreachable", "IR3100")]
    public async Task Cli_reports_each_cluster_failure_as_cause_and_hint_with_exit_code_3(string who, string code)
    {
        var name = await Deployment();
        var kubeconfig = who switch
        {
            "expired" => fx.ExpiredKubeconfig,
            "restricted" => fx.RestrictedKubeconfig,
            _ => UnreachableKubeconfig(),
        };
        using var stdout = new StringWriter();
        using var stderr = new StringWriter();
        var io = new CliIO(stdout, stderr, n => n == "HOME" ? fx.Dir : null, ErrorIsTerminal: false);

        var exit = await CliApp.RunAsync(
            ["rollout", $"deployment/{name}", "--image", $"127.0.0.1:5000/apps/web@{Digest}", "--no-wait", "--kubeconfig", kubeconfig, "--verbosity", "q"], io, Ct);

        var lines = stderr.ToString().Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.True(exit == 3, $"exit {exit}, stderr:\n{stderr}");
        Assert.Equal(2, lines.Length);
        Assert.StartsWith($"error {code}: ", lines[0], StringComparison.Ordinal);
        Assert.StartsWith("  hint: ", lines[1], StringComparison.Ordinal);
        Assert.Equal(string.Empty, stdout.ToString());
    }
}
