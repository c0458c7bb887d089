using ImageRoll.Cli;
using ImageRoll.Cli.Binding;
using ImageRoll.Cli.Console;

namespace ImageRoll.Core.Tests.Cli;

/// <summary>Settings precedence (flag, then IMAGEROLL_*, then imageroll.yaml, then the default) and the file's checks.</summary>
public sealed class SettingsTests : IDisposable
{
    private readonly string _dir = Directory.CreateTempSubdirectory("imageroll-settings-").FullName;

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    private CommandBinder Bind(string yaml, IReadOnlyDictionary<string, string?> env, params string[] args)
    {
        File.WriteAllText(Path.Combine(_dir, "imageroll.yaml"), yaml);
        var io = new CliIO(TextWriter.Null, TextWriter.Null, n => env.TryGetValue(n, out var v) ? v : null, ErrorIsTerminal: false) { WorkingDirectory = _dir };
        var parse = CliApp.BuildRoot(io).Parse(args);
        Assert.Empty(parse.Errors);
        return new CommandBinder(parse, Settings.Load(io.GetEnvironmentVariable, _dir), io.GetEnvironmentVariable, _dir);
    }

    [Fact]
    public void Flags_win_over_variables_which_win_over_the_file()
    {
        const string Yaml = "timeout: 7m\nnamespace: from-file\nkubeconfig: kc\ninsecure-registry: [reg.example:5000, other]\nworkload:\n  - deployment/a\n  - dc/b\n";
        var b = Bind(Yaml, new Dictionary<string, string?> { ["IMAGEROLL_NAMESPACE"] = "from-env", ["IMAGEROLL_TIMEOUT"] = "9m" },
            "release", "--image", "reg.example:5000/shop/web:1", "--stream", "web:latest", "--timeout", "3m");
        Assert.Equal(TimeSpan.FromMinutes(3), b.Timeout);
        Assert.Equal("from-env", b.Namespace);
        Assert.Equal(["reg.example:5000", "other"], b.InsecureRegistries);
        Assert.Equal(Path.Combine(_dir, "kc"), b.Cluster.KubeconfigPath);
        var options = b.ReleaseOptions();
        Assert.Equal(["deployment/a", "deploymentconfig/b"], options.Workloads.Select(w => w.ToString()));
        Assert.Equal("from-env", options.Namespace);
        Assert.Equal(TimeSpan.FromMinutes(3), options.Timeout);
    }

    [Fact]
    public void A_variable_list_splits_at_commas_and_the_default_applies_when_nothing_is_set()
    {
        var b = Bind(string.Empty, new Dictionary<string, string?> { ["IMAGEROLL_WORKLOAD"] = "deployment/a, sts/b", ["IMAGEROLL_IMAGE"] = "reg.example/shop/web:1", ["IMAGEROLL_STREAM"] = "web:latest" },
            "release");
        var options = b.ReleaseOptions();
        Assert.Equal(["deployment/a", "statefulset/b"], options.Workloads.Select(w => w.ToString()));
        Assert.Equal("reg.example/shop/web:1", options.Image.ToString());
        Assert.Equal(CommandBinder.DefaultTimeout, options.Timeout);
        Assert.Equal(TimeSpan.FromMinutes(10), b.Timeout);
    }

    [Fact]
    public void IMAGEROLL_REGISTRY_scopes_the_registry_credentials_and_is_not_read_as_registry_which_the_file_and_flag_set()
    {
        // docs/images.md: IMAGEROLL_REGISTRY names the host IMAGEROLL_REGISTRY_USERNAME/PASSWORD apply to (CI recipes set it).
        var env = new Dictionary<string, string?> { ["IMAGEROLL_REGISTRY"] = "registry.example.com", ["IMAGEROLL_REGISTRY_USERNAME"] = "robot" };
        var plain = Bind(string.Empty, env, "release", "--image", "registry.example.com/shop/web:1", "--stream", "web:latest");
        var fromFile = Bind("registry: cluster\n", env, "release", "--stream", "web:latest");

        Assert.False(plain.ReleaseOptions().ClusterRegistry);
        Assert.True(fromFile.ReleaseOptions().ClusterRegistry);
        Assert.Null(SettingKeys.Named("registry")!.Variable);
    }

    [Fact]
    public void Release_only_keys_do_not_reach_the_single_step_commands_but_shared_ones_do()
    {
        var b = Bind("stream: web:latest\nnamespace: shop\nrollback-on-failure: true\n", new Dictionary<string, string?>(), "rollout", "deployment/web", "--from", "web:latest");
        Assert.Equal("shop", b.Namespace);
        Assert.False(b.Flag(CliOptions.RollbackOnFailure));
        Assert.False(b.IsSet(CliOptions.Stream));
    }

    [Fact]
    public async Task An_unknown_key_is_IR2020_naming_the_key_and_the_accepted_ones()
    {
        File.WriteAllText(Path.Combine(_dir, "imageroll.yaml"), "image: reg.example/shop/web:1\nstraem: web:latest\n");
        var (code, stdout, stderr) = await RunIn(_dir, "release", "--stream", "web:latest");
        Assert.Equal(2, code);
        Assert.Contains("error IR2020:", stderr, StringComparison.Ordinal);
        Assert.Contains("'straem'", stderr, StringComparison.Ordinal);
        Assert.Contains("line 2", stderr, StringComparison.Ordinal);
        Assert.Contains("stream, workload", stderr, StringComparison.Ordinal);
        Assert.Contains("hint:", stderr, StringComparison.Ordinal);
        Assert.Equal(string.Empty, stdout);
    }

    [Theory]
    [InlineData("image: [unclosed\n", "IR2021")]
    [InlineData("- a\n- b\n", "IR2021")]
    [InlineData("image:\n  registry: x\n", "IR2021")]
    [InlineData("dry-run: maybe\nimage: reg.example/a:1\nstream: a:b\n", "IR2003")]
    [InlineData("timeout: [1m, 2m]\nimage: reg.example/a:1\nstream: a:b\n", "IR2021")]
    public async Task A_malformed_file_or_value_is_exit_2(string yaml, string code)
    {
        File.WriteAllText(Path.Combine(_dir, "imageroll.yaml"), yaml);
        var (exit, _, stderr) = await RunIn(_dir, "release");
        Assert.True(exit == 2, stderr);
        Assert.Contains($"error {code}:", stderr, StringComparison.Ordinal);
        Assert.Contains("imageroll.yaml", stderr, StringComparison.Ordinal);
        Assert.DoesNotContain("   at ", stderr, StringComparison.Ordinal);
    }

    private static async Task<(int Code, string Stdout, string Stderr)> RunIn(string dir, params string[] args)
    {
        using var stdout = new StringWriter();
        using var stderr = new StringWriter();
        var io = new CliIO(stdout, stderr, _ => null, ErrorIsTerminal: false) { WorkingDirectory = dir };
        var code = await CliApp.RunAsync(args, io, TestContext.Current.CancellationToken);
        return (code, stdout.ToString(), stderr.ToString());
    }
}
