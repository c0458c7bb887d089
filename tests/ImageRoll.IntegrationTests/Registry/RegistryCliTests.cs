using ImageRoll.IntegrationTests.Infrastructure;

namespace ImageRoll.IntegrationTests.Registry;

/// <summary>resolve and copy through the command line against the real registries, and the errors a user sees.</summary>
public sealed class RegistryCliTests : IDisposable
{
    private readonly RegistryTestEnv _env = new();

    public void Dispose() => _env.Dispose();

    [Fact]
    public async Task Resolve_prints_the_digest_reference_skopeo_sees_as_the_only_stdout_line()
    {
        var image = await SeedAsync("resolve");

        var run = (await ImageRollCli.RunAsync(_env.ImageRollEnv(), "resolve", $"{image}:v1", "--insecure-registry", RegistryTestEnv.Plain)).EnsureSuccess();

        var (digest, _) = await _env.InspectRawAsync($"{image}:v1");
        Assert.Equal($"{image}@{digest}", run.Stdout.Trim());
    }

    [Fact]
    public async Task Copy_command_to_the_auth_TLS_registry_prints_the_destination_digest_reference_last()
    {
        var image = await SeedAsync("cli-copy");
        var target = $"{RegistryTestEnv.Secure}/{RegistryTestEnv.UniqueRepo("cli-copy-dst")}:prod";

        var run = (await ImageRollCli.RunAsync(_env.ImageRollEnv(), "copy", $"{image}:v1", target,
            "--insecure-registry", RegistryTestEnv.Plain, "--registry-ca", TestServices.RegistryCa)).EnsureSuccess();

        var (digest, _) = await _env.InspectRawAsync(target);
        Assert.Equal($"{target[..target.LastIndexOf(':')]}@{digest}", run.LastStdoutLine);
        Assert.Single(run.Stdout.Trim().Split('\n'));
        Assert.Contains("pushed", run.Stderr, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Copy_command_in_json_mode_writes_one_document()
    {
        var image = await SeedAsync("cli-json");
        var target = $"{RegistryTestEnv.Plain}/{RegistryTestEnv.UniqueRepo("cli-json-dst")}";

        var run = (await ImageRollCli.RunAsync(_env.ImageRollEnv(), "copy", $"{image}:v1", target, "--insecure-registry", RegistryTestEnv.Plain, "--output", "json")).EnsureSuccess();

        var json = System.Text.Json.JsonDocument.Parse(run.Stdout).RootElement;
        var (digest, _) = await _env.InspectRawAsync($"{target}:v1");
        Assert.Equal($"{target}@{digest}", json.GetProperty("digestReference").GetString());
        Assert.Equal(3, json.GetProperty("blobs").GetProperty("mounted").GetInt32());
        Assert.Equal("v1", json.GetProperty("tags")[0].GetString());
    }

    [Fact]
    public async Task Wrong_password_is_IR1002_naming_the_registry_and_how_to_log_in()
    {
        var env = _env.ImageRollEnv();
        env["IMAGEROLL_REGISTRY_PASSWORD"] = "not-the-password";

        var run = await ImageRollCli.RunAsync(env, "resolve", $"{RegistryTestEnv.Secure}/it/anything:v1", "--registry-ca", TestServices.RegistryCa);

        Assert.Equal(3, run.ExitCode);
        Assert.Contains("error IR1002:", run.Stderr, StringComparison.Ordinal);
        Assert.Contains(RegistryTestEnv.Secure, run.Stderr, StringComparison.Ordinal);
        Assert.Contains($"docker login {RegistryTestEnv.Secure}", run.Stderr, StringComparison.Ordinal);
        Assert.Contains("IMAGEROLL_REGISTRY_PASSWORD", run.Stderr, StringComparison.Ordinal);
        Assert.DoesNotContain("not-the-password", run.Stderr, StringComparison.Ordinal);
        Assert.Equal(string.Empty, run.Stdout);
    }

    [Fact]
    public async Task Tls_failure_without_a_ca_names_registry_ca_and_insecure_registry()
    {
        var run = await ImageRollCli.RunAsync(_env.ImageRollEnv(), "resolve", $"{RegistryTestEnv.Secure}/it/anything:v1");

        Assert.Equal(3, run.ExitCode);
        Assert.Contains("error IR1001:", run.Stderr, StringComparison.Ordinal);
        Assert.Contains(RegistryTestEnv.Secure, run.Stderr, StringComparison.Ordinal);
        Assert.Contains("--registry-ca", run.Stderr, StringComparison.Ordinal);
        Assert.Contains($"--insecure-registry {RegistryTestEnv.Secure}", run.Stderr, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Insecure_registry_accepts_the_unverified_TLS_certificate_of_the_named_host()
    {
        var image = await SeedAsync("insecure-tls", RegistryTestEnv.Secure);

        var run = (await ImageRollCli.RunAsync(_env.ImageRollEnv(), "resolve", $"{image}:v1", "--insecure-registry", RegistryTestEnv.Secure)).EnsureSuccess();

        Assert.Equal($"{image}@{(await _env.InspectRawAsync($"{image}:v1")).Digest}", run.LastStdoutLine);
    }

    [Fact]
    public async Task Missing_tag_is_IR1004_naming_the_image()
    {
        var image = await SeedAsync("missing");

        var run = await ImageRollCli.RunAsync(_env.ImageRollEnv(), "resolve", $"{image}:nope", "--insecure-registry", RegistryTestEnv.Plain);

        Assert.Equal(3, run.ExitCode);
        Assert.Contains("error IR1004:", run.Stderr, StringComparison.Ordinal);
        Assert.Contains($"{image[(image.IndexOf('/') + 1)..]}:nope", run.Stderr, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Unreadable_registry_ca_is_bad_input_exit_2()
    {
        var run = await ImageRollCli.RunAsync(_env.ImageRollEnv(), "resolve", $"{RegistryTestEnv.Secure}/it/x:v1", "--registry-ca", Path.Combine(_env.Root, "missing.pem"));

        Assert.Equal(2, run.ExitCode);
        Assert.Contains("error IR1012:", run.Stderr, StringComparison.Ordinal);
    }

    /// <summary>Pushes a small image with skopeo; returns REG/REPO (tag v1).</summary>
    private async Task<string> SeedAsync(string name, string? registry = null)
    {
        registry ??= RegistryTestEnv.Plain;
        var layout = new OciLayoutWriter(_env.NewDir(name));
        layout.WriteSmallImage(seed: name.Length);
        var image = $"{registry}/{RegistryTestEnv.UniqueRepo(name)}";
        await _env.SkopeoCopyAsync($"oci:{layout.Directory}:latest", $"docker://{image}:v1");
        return image;
    }
}
