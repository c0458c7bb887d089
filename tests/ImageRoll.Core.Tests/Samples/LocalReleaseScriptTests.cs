using System.Diagnostics;

namespace ImageRoll.Core.Tests.Samples;

/// <summary>
/// samples/local-release.sh, run for real with a stand-in <c>imageroll</c> on PATH that records its arguments: the
/// plan (a dry run) first, then the release once the user says yes, each command line binding with the real CLI.
/// </summary>
[System.Runtime.Versioning.UnsupportedOSPlatform("windows")]
public sealed class LocalReleaseScriptTests
{
    private static readonly string Script = Path.Combine(RepoFiles.Root, "samples", "local-release.sh");

    [Fact]
    public void The_script_parses_and_is_executable()
    {
        Assert.Null(RepoFiles.BashSyntaxError(File.ReadAllText(Script)));
        Assert.True(File.GetUnixFileMode(Script).HasFlag(UnixFileMode.UserExecute), "samples/local-release.sh is not executable");
    }

    [Fact]
    public async Task It_plans_then_releases_with_command_lines_the_cli_binds()
    {
        using var sandbox = new Sandbox();

        var run = await sandbox.RunAsync(new() { ["REGISTRY"] = "registry.example.com", ["NAMESPACE"] = "shop", ["YES"] = "1" }, string.Empty, "1.4.2");

        Assert.True(run.ExitCode == 0, run.Output);
        Assert.Equal(2, sandbox.Calls.Count);
        var (plan, _, _) = CliParseCheck.BindRelease(sandbox.Calls[0], _ => null, sandbox.Directory);
        var (release, _, report) = CliParseCheck.BindRelease(sandbox.Calls[1], _ => null, sandbox.Directory);
        Assert.True(plan.DryRun);
        Assert.False(release.DryRun);
        foreach (var options in new[] { plan, release })
        {
            Assert.Equal("registry.example.com/samples/helloweb:1.4.2", options.Image.ToString());
            Assert.Equal(Path.Combine(RepoFiles.Root, "samples", "HelloWeb"), Assert.IsType<ImageRoll.Release.SdkProjectSource>(options.Source).Project);
            Assert.Equal("shop", options.Namespace);
            Assert.Equal("example", options.StreamTag!.Stream);
        }

        Assert.True(release.RollbackOnFailure);
        Assert.Equal(Path.Combine(sandbox.Directory, "release-1.4.2.json"), report);
    }

    [Fact]
    public async Task Without_a_yes_it_stops_after_the_plan_and_without_a_registry_it_says_so()
    {
        using var sandbox = new Sandbox();

        var declined = await sandbox.RunAsync(new() { ["REGISTRY"] = "registry.example.com" }, "n\n");
        var noRegistry = await sandbox.RunAsync([], string.Empty);

        Assert.True(declined.ExitCode == 0, declined.Output);
        Assert.Contains("nothing released", declined.Output, StringComparison.Ordinal);
        var plan = Assert.Single(sandbox.Calls);
        Assert.Contains("--dry-run", plan);
        Assert.DoesNotContain("-n", plan); // no NAMESPACE: the kubeconfig context's, as kubectl
        Assert.Null(CliParseCheck.Problem(plan));
        Assert.NotEqual(0, noRegistry.ExitCode);
        Assert.Contains("set REGISTRY", noRegistry.Output, StringComparison.Ordinal);
    }

    /// <summary>A folder with a stand-in imageroll on PATH that appends each call's arguments (NUL-separated) to a file.</summary>
    private sealed class Sandbox : IDisposable
    {
        public Sandbox()
        {
            Directory = System.IO.Directory.CreateTempSubdirectory("imageroll-local-release-").FullName;
            var bin = System.IO.Directory.CreateDirectory(Path.Combine(Directory, "bin")).FullName;
            var stub = Path.Combine(bin, "imageroll");
            File.WriteAllText(stub, "#!/bin/sh\nfor a in \"$@\"; do printf '%s\\0' \"$a\"; done >> \"$IMAGEROLL_CALLS\"\nprintf '\\n' >> \"$IMAGEROLL_CALLS\"\n");
            File.SetUnixFileMode(stub, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute);
        }

        public string Directory { get; }

        private string CallsFile => Path.Combine(Directory, "calls");

        public List<string[]> Calls => File.Exists(CallsFile)
            ? File.ReadAllText(CallsFile).Split("\0\n", StringSplitOptions.RemoveEmptyEntries).Select(c => c.Split('\0')).ToList()
            : [];

        public async Task<(int ExitCode, string Output)> RunAsync(Dictionary<string, string> env, string stdin, params string[] args)
        {
            var start = new ProcessStartInfo("bash", [Script, .. args])
            {
                WorkingDirectory = Directory,
                RedirectStandardInput = true,
                RedirectStandardOutput = true,
                RedirectStandardError = true,
                UseShellExecute = false,
            };
            foreach (var name in new[] { "REGISTRY", "REPOSITORY", "PROJECT", "STREAM", "NAMESPACE", "YES" })
            {
                start.Environment.Remove(name);
            }

            start.Environment["PATH"] = Path.Combine(Directory, "bin") + ":" + System.Environment.GetEnvironmentVariable("PATH");
            start.Environment["IMAGEROLL_CALLS"] = CallsFile;
            foreach (var (k, v) in env)
            {
                start.Environment[k] = v;
            }

            using var process = Process.Start(start)!;
            await process.StandardInput.WriteAsync(stdin);
            process.StandardInput.Close();
            var stdout = process.StandardOutput.ReadToEndAsync(TestContext.Current.CancellationToken);
            var stderr = process.StandardError.ReadToEndAsync(TestContext.Current.CancellationToken);
            using var timeout = CancellationTokenSource.CreateLinkedTokenSource(TestContext.Current.CancellationToken);
            timeout.CancelAfter(TimeSpan.FromSeconds(60));
            await process.WaitForExitAsync(timeout.Token);
            return (process.ExitCode, await stdout + await stderr);
        }

        public void Dispose() => System.IO.Directory.Delete(Directory, recursive: true);
    }
}
