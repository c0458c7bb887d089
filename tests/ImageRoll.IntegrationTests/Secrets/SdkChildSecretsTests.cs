using ImageRoll.IntegrationTests.Build;
using ImageRoll.IntegrationTests.Infrastructure;
using ImageRoll.IntegrationTests.Registry;

namespace ImageRoll.IntegrationTests.Secrets;

/// <summary>
/// The sdk builder's child <c>dotnet publish</c>, run by the real imageroll process (the portable tool, and the
/// native AOT one for the successful push), for a project whose
/// Directory.Build.rsp makes every MSBuild run in it write a binlog and a diagnostic log (as a repository may, and as
/// MSBUILDDEBUGENGINE does), with MSBUILDLOGALLENVIRONMENTVARIABLES=1 in the environment: the registry login reaches
/// the SDK (the push to the htpasswd registry works) but no form of it reaches the child's command line, its logs,
/// imageroll's output, nor stays on disk.
/// </summary>
public sealed class SdkChildSecretsTests(SentinelRegistries registries) : IClassFixture<SentinelRegistries>, IDisposable
{
    private readonly string _project = CopyHelloWeb();

    [Theory]
    [InlineData(CliHost.Portable)]
    [InlineData(CliHost.Native)]
    public async Task The_sdk_child_gets_the_login_through_a_private_file_and_no_log_binlog_or_command_line_holds_it(CliHost host)
    {
        _ = ImageRollCli.Command(host);
        var image = $"{registries.Basic}/secrets/sdk:{Guid.NewGuid():N}"[..^20];
        var (result, lines) = await PublishAsync(image, registries.Password.Value, host);

        result.EnsureSuccess();
        var outcome = System.Text.Json.JsonDocument.Parse(result.Stdout).RootElement;
        Assert.StartsWith($"{registries.Basic}/secrets/sdk@sha256:", outcome.GetProperty("image").GetString(), StringComparison.Ordinal);
        AssertNoLeak(result, lines, registries.Password.Value);

        // The child read the login from the file REGISTRY_AUTH_FILE named, gone once it exited.
        var authFile = (await File.ReadAllTextAsync(Path.Combine(_project, "auth-file.txt"), TestContext.Current.CancellationToken)).Trim();
        Assert.EndsWith("config.json", authFile, StringComparison.Ordinal);
        Assert.False(File.Exists(authFile) || Directory.Exists(Path.GetDirectoryName(authFile)), $"{authFile} was left behind");
        var diag = await File.ReadAllTextAsync(Path.Combine(_project, "child-diag.log"), TestContext.Current.CancellationToken);
        Assert.Contains("DOTNET_CONTAINER_INSECURE_REGISTRIES", diag, StringComparison.Ordinal);
        Assert.DoesNotContain("IMAGEROLL_REGISTRY_PASSWORD", diag, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_wrong_password_fails_the_sdk_push_with_IR1202_and_the_failure_carries_no_secret()
    {
        var wrong = Sentinel.New("wrong-password");
        var image = $"{registries.Basic}/secrets/sdk-denied:{Guid.NewGuid():N}"[..^20];
        var (result, lines) = await PublishAsync(image, wrong.Value);

        Assert.Equal(3, result.ExitCode);
        Assert.Contains("IR1202", result.Stdout, StringComparison.Ordinal);
        AssertNoLeak(result, lines, wrong.Value, wrong);
    }

    public void Dispose() => Directory.Delete(_project, recursive: true);

    private async Task<(CliResult Result, IReadOnlyDictionary<int, string> CommandLines)> PublishAsync(string image, string password, CliHost host = CliHost.Portable)
    {
        var env = new Dictionary<string, string?>
        {
            ["IMAGEROLL_REGISTRY_USERNAME"] = registries.User,
            ["IMAGEROLL_REGISTRY_PASSWORD"] = password,
            ["IMAGEROLL_REGISTRY"] = registries.Basic,
            ["MSBUILDLOGALLENVIRONMENTVARIABLES"] = "1",
            ["GITHUB_ACTIONS"] = "true",
            ["DOTNET_CLI_TELEMETRY_OPTOUT"] = "1",
            ["MSBUILDDISABLENODEREUSE"] = "1",
            ["DOTNET_CLI_USE_MSBUILD_SERVER"] = "0",
        };
        var baseImage = await BaseImages.DotnetAsync();
        var commandLines = ChildCommandLines.Start();
        CliResult result;
        try
        {
            result = await ImageRollCli.RunProcessAsync(host, env,
                "build", "--image", image, "--project", _project, "--base-image", baseImage,
                "--insecure-registry", registries.Basic, "--insecure-registry", TestServices.Registry, "--verbosity", "diag", "-o", "json");
        }
        finally
        {
            await commandLines.DisposeAsync();
        }

        TestContext.Current.TestOutputHelper?.WriteLine(result.Stderr);
        return (result, commandLines.Seen);
    }

    private void AssertNoLeak(CliResult result, IReadOnlyDictionary<int, string> commandLines, string password, params Sentinel[] extra)
    {
        Sentinel[] secrets = [.. registries.Secrets, .. extra];
        LeakCheck.AssertNoneIn(secrets, result.Stdout, "imageroll's stdout");
        LeakCheck.AssertNoneIn(secrets, LeakCheck.WithoutMaskCommands(result.Stderr), "imageroll's stderr");
        Assert.True(LeakCheck.AssertNoneInFiles(secrets, _project) >= 2, "the child wrote its binlog and diagnostic log");
        Assert.True(File.Exists(Path.Combine(_project, "child.binlog")), "the child wrote a binlog");
        Assert.Contains(commandLines.Values, c => c.Contains("-t:PublishContainer", StringComparison.Ordinal));
        foreach (var (pid, line) in commandLines)
        {
            LeakCheck.AssertNoneIn(secrets, line, $"the command line of child {pid}");
        }

        // Under GitHub Actions the password imageroll read from its environment is masked before anything else is printed.
        Assert.Equal((0, password), LeakCheck.MaskCommands(result.Stderr)[0]);
    }

    /// <summary>
    /// samples/HelloWeb in a temp folder with a Directory.Build.rsp that gives every MSBuild run a binlog and a
    /// diagnostic file log, and a target recording which auth file the SDK was given.
    /// </summary>
    private static string CopyHelloWeb()
    {
        var dir = Directory.CreateTempSubdirectory("imageroll-secrets-sdk-").FullName;
        foreach (var file in Directory.GetFiles(Path.Combine(TestServices.RepoRoot, "samples", "HelloWeb")))
        {
            File.Copy(file, Path.Combine(dir, Path.GetFileName(file)));
        }

        File.WriteAllText(Path.Combine(dir, "Directory.Build.rsp"), $"-bl:{dir}/child.binlog\n-flp:v=diag;logfile={dir}/child-diag.log\n");
        File.WriteAllText(Path.Combine(dir, "Directory.Build.targets"), $"""
            <Project>
              <Target Name="RecordAuthFile" BeforeTargets="PublishContainer">
                <WriteLinesToFile File="{dir}/auth-file.txt" Lines="$(REGISTRY_AUTH_FILE)" Overwrite="true" />
              </Target>
            </Project>
            """);
        return dir;
    }
}
