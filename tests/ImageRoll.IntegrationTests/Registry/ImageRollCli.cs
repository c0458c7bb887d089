using ImageRoll.Cli;
using ImageRoll.Cli.Console;
using ImageRoll.IntegrationTests.Infrastructure;

namespace ImageRoll.IntegrationTests.Registry;

/// <summary>The result of one imageroll run: exit code and the two streams.</summary>
public sealed record CliResult(int ExitCode, string Stdout, string Stderr)
{
    public string LastStdoutLine => Stdout.TrimEnd().Split('\n').Last().Trim();

    public CliResult EnsureSuccess()
    {
        Assert.True(ExitCode == 0, $"imageroll exited {ExitCode}\nstdout: {Stdout}\nstderr: {Stderr}");
        return this;
    }
}

/// <summary>Runs imageroll in-process (fast) or as the real process (exit codes and streams as a CI job sees them).</summary>
public static class ImageRollCli
{
    public static async Task<CliResult> RunAsync(IReadOnlyDictionary<string, string?> env, params string[] args)
    {
        using var stdout = new StringWriter();
        using var stderr = new StringWriter();
        var io = new CliIO(stdout, stderr, name => env.TryGetValue(name, out var v) ? v : null, ErrorIsTerminal: false);
        var code = await CliApp.RunAsync(args, io, TestContext.Current.CancellationToken);
        return new CliResult(code, stdout.ToString(), stderr.ToString());
    }

    /// <summary>dotnet src/ImageRoll.Cli/bin/Release/net8.0/imageroll.dll with exactly this environment added.</summary>
    public static async Task<CliResult> RunProcessAsync(IReadOnlyDictionary<string, string?> env, params string[] args)
    {
        var dll = Path.Combine(TestServices.RepoRoot, "src", "ImageRoll.Cli", "bin", "Release", "net8.0", "imageroll.dll");
        Assert.True(File.Exists(dll), $"{dll} is missing: build src/ImageRoll.Cli in Release first");
        var environment = env.Where(kv => kv.Value is not null).ToDictionary(kv => kv.Key, kv => kv.Value!);
        var result = await ExternalTool.RunAsync("dotnet", [dll, .. args], environment, timeout: TimeSpan.FromMinutes(5), cancellationToken: TestContext.Current.CancellationToken);
        return new CliResult(result.ExitCode, result.Stdout, result.Stderr);
    }
}
