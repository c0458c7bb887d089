using ImageRoll.Cli.Ci;
using ImageRoll.Registry.Credentials;

namespace ImageRoll.Core.Tests.Cli;

/// <summary>Under GitHub Actions every secret the process handles is masked (::add-mask::) before anything could print it.</summary>
public sealed class SecretMaskingTests : IDisposable
{
    private readonly string _dir = Directory.CreateTempSubdirectory("imageroll-mask-").FullName;

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    [Fact]
    public async Task The_registry_password_from_the_environment_is_masked_first()
    {
        var env = new Dictionary<string, string?>
        {
            ["GITHUB_ACTIONS"] = "true",
            ["IMAGEROLL_REGISTRY_USERNAME"] = "ci",
            ["IMAGEROLL_REGISTRY_PASSWORD"] = "pw-0a9f3e",
        };
        var run = await CliRun.RunAsync(env, "resolve", "127.0.0.1:1/shop/web:1", "--timeout", "2s");
        Assert.NotEqual(0, run.ExitCode);
        Assert.Equal("::add-mask::pw-0a9f3e", run.Stderr.Split('\n')[0]);
        Assert.Contains("::error title=IR", run.Stderr, StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_kubeconfig_token_is_masked_before_the_first_request()
    {
        var kubeconfig = Path.Combine(_dir, "kubeconfig");
        File.WriteAllText(kubeconfig, """
            apiVersion: v1
            kind: Config
            clusters: [{name: c, cluster: {server: "https://127.0.0.1:1", insecure-skip-tls-verify: true}}]
            users: [{name: u, user: {token: tok-5c1d77e2}}]
            contexts: [{name: x, context: {cluster: c, user: u, namespace: shop}}]
            current-context: x
            """);
        var env = new Dictionary<string, string?> { ["GITHUB_ACTIONS"] = "true", ["HOME"] = _dir };
        var run = await CliRun.RunAsync(env, "status", "deployment/web", "--kubeconfig", kubeconfig, "--timeout", "2s");
        Assert.NotEqual(0, run.ExitCode);
        var lines = run.Stderr.Split('\n');
        var mask = Array.IndexOf(lines, "::add-mask::tok-5c1d77e2");
        Assert.True(mask >= 0, run.Stderr);
        Assert.True(mask < Array.FindIndex(lines, l => l.StartsWith("error IR", StringComparison.Ordinal)), run.Stderr);
    }

    [Fact]
    public async Task Outside_GitHub_Actions_nothing_is_masked_and_no_workflow_commands_are_printed()
    {
        var env = new Dictionary<string, string?> { ["IMAGEROLL_REGISTRY_USERNAME"] = "ci", ["IMAGEROLL_REGISTRY_PASSWORD"] = "pw-0a9f3e" };
        var run = await CliRun.RunAsync(env, "resolve", "127.0.0.1:1/shop/web:1", "--timeout", "2s");
        Assert.DoesNotContain("::", run.Stderr, StringComparison.Ordinal);
        Assert.DoesNotContain("pw-0a9f3e", run.Stderr, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Credential_store_answers_are_masked_as_they_are_handed_out()
    {
        using var error = new StringWriter();
        var masker = new SecretMasker(error, enabled: true);
        var provider = new MaskingCredentialProvider(new Fixed(new RegistryCredential("<token>", null, "identity-77aa")), masker);
        var credential = await provider.GetAsync("registry.example", TestContext.Current.CancellationToken);
        Assert.Equal("identity-77aa", credential!.IdentityToken);
        Assert.Equal("::add-mask::identity-77aa" + Environment.NewLine, error.ToString());
        await provider.GetAsync("registry.example", TestContext.Current.CancellationToken);
        Assert.Equal("::add-mask::identity-77aa" + Environment.NewLine, error.ToString());
    }

    private sealed class Fixed(RegistryCredential credential) : IRegistryCredentialProvider
    {
        public ValueTask<RegistryCredential?> GetAsync(string registryHost, CancellationToken ct) => ValueTask.FromResult<RegistryCredential?>(credential);
    }
}
