using System.Text;
using ImageRoll.Registry.Credentials;

namespace ImageRoll.Core.Tests.Registry;

public sealed class CredentialProviderTests : IDisposable
{
    private readonly string _dir = Directory.CreateTempSubdirectory("imageroll-creds-").FullName;
    private readonly Dictionary<string, string?> _env = new();

    public CredentialProviderTests()
    {
        _env["HOME"] = Path.Combine(_dir, "home");
        _env["PATH"] = Path.Combine(_dir, "bin");
        Directory.CreateDirectory(Path.Combine(_dir, "bin"));
    }

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    private DefaultRegistryCredentialProvider Provider() => new(name => _env.GetValueOrDefault(name));

    private string WriteDockerConfig(string json, string? dir = null)
    {
        dir ??= Path.Combine(_dir, "home", ".docker");
        Directory.CreateDirectory(dir);
        var path = Path.Combine(dir, "config.json");
        File.WriteAllText(path, json);
        return path;
    }

    private static string B64(string s) => Convert.ToBase64String(Encoding.UTF8.GetBytes(s));

    /// <summary>A fake docker-credential-NAME that records its stdin and argv and answers <paramref name="body"/>.</summary>
    private void WriteHelper(string name, string body)
    {
        var path = Path.Combine(_dir, "bin", "docker-credential-" + name);
        File.WriteAllText(path, "#!/bin/bash\nserver=$(cat)\necho \"$server\" > \"$0.stdin\"\necho \"$*\" > \"$0.args\"\n" + body + "\n");
        if (!OperatingSystem.IsWindows())
        {
            File.SetUnixFileMode(path, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute);
        }
    }

    private string HelperStdin(string name) => File.ReadAllText(Path.Combine(_dir, "bin", "docker-credential-" + name + ".stdin")).Trim();

    [Fact]
    public async Task Environment_variables_win_and_can_be_limited_to_one_registry()
    {
        WriteDockerConfig($$$$"""{"auths":{"r.example:5000":{"auth":"{{{{B64("file:pw")}}}}"}}}""");
        _env["IMAGEROLL_REGISTRY_USERNAME"] = "ci";
        _env["IMAGEROLL_REGISTRY_PASSWORD"] = "s3cret";
        var c = await Provider().GetAsync("r.example:5000", TestContext.Current.CancellationToken);
        Assert.Equal(new RegistryCredential("ci", "s3cret", null), c);

        _env["IMAGEROLL_REGISTRY"] = "other.example";
        var limited = await Provider().FindAsync("r.example:5000", TestContext.Current.CancellationToken);
        Assert.Equal("file", limited!.Credential.Username);
        Assert.Contains("config.json (auths)", limited.Source, StringComparison.Ordinal);
        Assert.Equal("ci", (await Provider().GetAsync("other.example", TestContext.Current.CancellationToken))!.Username);
    }

    [Fact]
    public async Task Docker_config_auths_accept_auth_username_password_and_identity_token()
    {
        WriteDockerConfig($$$$"""
            {"auths":{
              "https://index.docker.io/v1/":{"auth":"{{{{B64("hubuser:hub:pw")}}}}"},
              "http://plain.example:5000/v2/":{"username":"u2","password":"p2"},
              "tok.example":{"identitytoken":"refresh-token"},
              "empty.example":{}
            }}
            """);
        var p = Provider();
        Assert.Equal(new RegistryCredential("hubuser", "hub:pw", null), await p.GetAsync("docker.io", TestContext.Current.CancellationToken));
        Assert.Equal(new RegistryCredential("hubuser", "hub:pw", null), await p.GetAsync("registry-1.docker.io", TestContext.Current.CancellationToken));
        Assert.Equal(new RegistryCredential("u2", "p2", null), await p.GetAsync("plain.example:5000", TestContext.Current.CancellationToken));
        Assert.Equal("refresh-token", (await p.GetAsync("tok.example", TestContext.Current.CancellationToken))!.IdentityToken);
        Assert.Null(await p.GetAsync("empty.example", TestContext.Current.CancellationToken));
        Assert.Null(await p.GetAsync("unknown.example", TestContext.Current.CancellationToken));
    }

    [Fact]
    public async Task DOCKER_CONFIG_replaces_the_home_config()
    {
        WriteDockerConfig($$$$"""{"auths":{"r.example":{"auth":"{{{{B64("home:pw")}}}}"}}}""");
        var other = Path.Combine(_dir, "dc");
        WriteDockerConfig($$$$"""{"auths":{"r.example":{"auth":"{{{{B64("dc:pw")}}}}"}}}""", other);
        _env["DOCKER_CONFIG"] = other;
        Assert.Equal("dc", (await Provider().GetAsync("r.example", TestContext.Current.CancellationToken))!.Username);
    }

    [Fact]
    public async Task Podman_auth_file_comes_before_docker_config_and_falls_through_when_it_lacks_the_host()
    {
        WriteDockerConfig($$$$"""{"auths":{"a.example":{"auth":"{{{{B64("docker:pw")}}}}"},"b.example":{"auth":"{{{{B64("docker:pw")}}}}"}}}""");
        var runtime = Path.Combine(_dir, "run");
        Directory.CreateDirectory(Path.Combine(runtime, "containers"));
        File.WriteAllText(Path.Combine(runtime, "containers", "auth.json"), $$$$"""{"auths":{"a.example":{"auth":"{{{{B64("xdg:pw")}}}}"}}}""");
        _env["XDG_RUNTIME_DIR"] = runtime;
        Assert.Equal("xdg", (await Provider().GetAsync("a.example", TestContext.Current.CancellationToken))!.Username);
        Assert.Equal("docker", (await Provider().GetAsync("b.example", TestContext.Current.CancellationToken))!.Username);

        var authFile = Path.Combine(_dir, "auth.json");
        File.WriteAllText(authFile, $$$$"""{"auths":{"a.example":{"auth":"{{{{B64("raf:pw")}}}}"}}}""");
        _env["REGISTRY_AUTH_FILE"] = authFile;
        Assert.Equal("raf", (await Provider().GetAsync("a.example", TestContext.Current.CancellationToken))!.Username);
    }

    [Fact]
    public async Task CredHelpers_come_before_auths_and_get_the_server_on_stdin_never_argv()
    {
        WriteHelper("fake", """echo '{"ServerURL":"x","Username":"helperuser","Secret":"helpersecret"}'""");
        WriteDockerConfig($$$$"""{"credHelpers":{"r.example:5000":"fake"},"auths":{"r.example:5000":{"auth":"{{{{B64("inline:pw")}}}}"}}}""");
        var found = await Provider().FindAsync("r.example:5000", TestContext.Current.CancellationToken);
        Assert.Equal(new RegistryCredential("helperuser", "helpersecret", null), found!.Credential);
        Assert.Contains("docker-credential-fake", found.Source, StringComparison.Ordinal);
        Assert.Equal("r.example:5000", HelperStdin("fake"));
        Assert.Equal("get", File.ReadAllText(Path.Combine(_dir, "bin", "docker-credential-fake.args")).Trim());
    }

    [Fact]
    public async Task CredsStore_is_asked_with_docker_hubs_index_server_and_token_user_means_identity_token()
    {
        WriteHelper("store", """echo '{"ServerURL":"x","Username":"<token>","Secret":"idtok"}'""");
        WriteDockerConfig("""{"auths":{"https://index.docker.io/v1/":{}},"credsStore":"store"}""");
        var c = await Provider().GetAsync("docker.io", TestContext.Current.CancellationToken);
        Assert.Equal(new RegistryCredential(null, null, "idtok"), c);
        Assert.Equal("https://index.docker.io/v1/", HelperStdin("store"));
    }

    [Fact]
    public async Task Helper_that_does_not_know_the_server_means_anonymous()
    {
        WriteHelper("store", "echo 'credentials not found in native keychain'; exit 1");
        WriteDockerConfig("""{"credsStore":"store"}""");
        Assert.Null(await Provider().GetAsync("r.example", TestContext.Current.CancellationToken));
    }

    [Fact]
    public async Task Failing_helper_is_IR1081_naming_helper_and_host_without_the_secret()
    {
        WriteHelper("broken", "echo 'keychain locked' >&2; exit 3");
        WriteDockerConfig("""{"credHelpers":{"r.example":"broken"}}""");
        var ex = await Assert.ThrowsAsync<ImageRollException>(async () => await Provider().GetAsync("r.example", TestContext.Current.CancellationToken));
        Assert.Equal("IR1081", ex.Code);
        Assert.Contains("docker-credential-broken", ex.Message, StringComparison.Ordinal);
        Assert.Contains("r.example", ex.Message, StringComparison.Ordinal);
        Assert.Contains("keychain locked", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Helper_printing_garbage_is_IR1081_and_the_output_is_not_echoed()
    {
        WriteHelper("garbage", "echo 'TOPSECRET not json'");
        WriteDockerConfig("""{"credHelpers":{"r.example":"garbage"}}""");
        var ex = await Assert.ThrowsAsync<ImageRollException>(async () => await Provider().GetAsync("r.example", TestContext.Current.CancellationToken));
        Assert.Equal("IR1081", ex.Code);
        Assert.DoesNotContain("TOPSECRET", ex.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Helper_that_hangs_is_stopped_after_the_timeout_with_IR1081()
    {
        WriteHelper("slow", "sleep 30");
        WriteDockerConfig("""{"credHelpers":{"r.example":"slow"}}""");
        var provider = new DefaultRegistryCredentialProvider(name => _env.GetValueOrDefault(name)) { HelperTimeout = TimeSpan.FromMilliseconds(500) };
        var started = DateTime.UtcNow;
        var ex = await Assert.ThrowsAsync<ImageRollException>(async () => await provider.GetAsync("r.example", TestContext.Current.CancellationToken));
        Assert.Equal("IR1081", ex.Code);
        Assert.Contains("did not answer", ex.Message, StringComparison.Ordinal);
        Assert.True(DateTime.UtcNow - started < TimeSpan.FromSeconds(10));
    }

    [Fact]
    public async Task Missing_helper_binary_is_IR1080_naming_helper_and_host()
    {
        WriteDockerConfig("""{"credsStore":"desktop"}""");
        var ex = await Assert.ThrowsAsync<ImageRollException>(async () => await Provider().GetAsync("r.example:5000", TestContext.Current.CancellationToken));
        Assert.Equal("IR1080", ex.Code);
        Assert.Contains("docker-credential-desktop", ex.Message, StringComparison.Ordinal);
        Assert.Contains("r.example:5000", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Malformed_config_is_IR1082_and_bad_base64_is_IR1083()
    {
        var path = WriteDockerConfig("{not json");
        var ex = await Assert.ThrowsAsync<ImageRollException>(async () => await Provider().GetAsync("r.example", TestContext.Current.CancellationToken));
        Assert.Equal("IR1082", ex.Code);
        Assert.Contains(path, ex.Message, StringComparison.Ordinal);

        WriteDockerConfig("""{"auths":{"r.example":{"auth":"%%%"}}}""");
        Assert.Equal("IR1083", (await Assert.ThrowsAsync<ImageRollException>(async () => await Provider().GetAsync("r.example", TestContext.Current.CancellationToken))).Code);
    }

    [Fact]
    public void Credential_ToString_never_shows_secrets()
    {
        var text = new RegistryCredential("alice", "pa55word", "id-token-xyz").ToString();
        Assert.Contains("alice", text, StringComparison.Ordinal);
        Assert.DoesNotContain("pa55word", text, StringComparison.Ordinal);
        Assert.DoesNotContain("id-token-xyz", text, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("https://index.docker.io/v1/", "docker.io", true)]
    [InlineData("index.docker.io", "registry-1.docker.io", true)]
    [InlineData("http://host:5000/v2/", "host:5000", true)]
    [InlineData("host:5000", "host:5001", false)]
    [InlineData("Host.Example", "host.example", true)]
    public void Config_keys_match_hosts_like_docker_cli(string key, string host, bool matches) =>
        Assert.Equal(matches, RegistryHosts.KeyMatches(key, host));
}
