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

/// <summary>Which imageroll a test runs.</summary>
public enum CliHost
{
    /// <summary><see cref="CliApp.RunAsync"/> in the test process (fast; the same code as the tool).</summary>
    InProcess,

    /// <summary>The portable tool as a real process: dotnet src/ImageRoll.Cli/bin/Release/net8.0/imageroll.dll.</summary>
    Portable,

    /// <summary>
    /// The native AOT tool as users install it (ImageRoll.Tool.Native on linux-x64): build/test.sh packs and installs
    /// it with build/native.sh --install and names the command in IMAGEROLL_NATIVE_BIN.
    /// </summary>
    Native,
}

/// <summary>Runs imageroll in-process (fast) or as the real process (exit codes and streams as a CI job sees them).</summary>
public static class ImageRollCli
{
    public const string NativeBinVariable = "IMAGEROLL_NATIVE_BIN";

    public static Task<CliResult> RunAsync(IReadOnlyDictionary<string, string?> env, params string[] args) =>
        RunAsync(CliHost.InProcess, env, args);

    public static async Task<CliResult> RunAsync(CliHost host, IReadOnlyDictionary<string, string?> env, params string[] args)
    {
        if (host != CliHost.InProcess)
        {
            return await RunProcessAsync(host, env, args);
        }

        using var stdout = new StringWriter();
        using var stderr = new StringWriter();
        var io = new CliIO(stdout, stderr, name => env.TryGetValue(name, out var v) ? v : null, ErrorIsTerminal: false);
        var code = await CliApp.RunAsync(args, io, TestContext.Current.CancellationToken);
        return new CliResult(code, stdout.ToString(), stderr.ToString());
    }

    /// <summary>dotnet src/ImageRoll.Cli/bin/Release/net8.0/imageroll.dll with exactly this environment added.</summary>
    public static Task<CliResult> RunProcessAsync(IReadOnlyDictionary<string, string?> env, params string[] args) =>
        RunProcessAsync(CliHost.Portable, env, args);

    /// <summary>The portable or the native tool as a real process, with exactly this environment added.</summary>
    public static async Task<CliResult> RunProcessAsync(CliHost host, IReadOnlyDictionary<string, string?> env, params string[] args)
    {
        var (file, prefix) = Command(host);
        var environment = env.Where(kv => kv.Value is not null).ToDictionary(kv => kv.Key, kv => kv.Value!);
        var result = await ExternalTool.RunAsync(file, [.. prefix, .. args], environment, timeout: TimeSpan.FromMinutes(5), cancellationToken: TestContext.Current.CancellationToken);
        return new CliResult(result.ExitCode, result.Stdout, result.Stderr);
    }

    /// <summary>The program and the arguments before imageroll's own that start <paramref name="host"/> as a process.</summary>
    public static (string File, string[] Prefix) Command(CliHost host)
    {
        if (host == CliHost.Native)
        {
            return (NativeBinary(), []);
        }

        Assert.True(host == CliHost.Portable, $"{host} is not a process");
        var dll = Path.Combine(TestServices.RepoRoot, "src", "ImageRoll.Cli", "bin", "Release", "net8.0", "imageroll.dll");
        Assert.True(File.Exists(dll), $"{dll} is missing: build src/ImageRoll.Cli in Release first");
        return ("dotnet", [dll]);
    }

    /// <summary>
    /// The installed native tool named in IMAGEROLL_NATIVE_BIN; without it the test is skipped (and fails under CI=true,
    /// where build/test.sh always installs it).
    /// </summary>
    public static string NativeBinary()
    {
        var path = Environment.GetEnvironmentVariable(NativeBinVariable);
        if (string.IsNullOrEmpty(path))
        {
            var message = $"{NativeBinVariable} is not set: the native AOT tool is tested when build/test.sh installs it (build/native.sh --install prints its path).";
            if (TestServices.IsCI)
            {
                Assert.Fail(message);
            }

            Assert.Skip(message);
        }

        Assert.True(File.Exists(path), $"{NativeBinVariable}={path} does not exist: run build/native.sh --install");
        return path;
    }
}
