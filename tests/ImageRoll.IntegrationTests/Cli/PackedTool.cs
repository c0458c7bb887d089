using ImageRoll.IntegrationTests.Infrastructure;

namespace ImageRoll.IntegrationTests.Cli;

/// <summary>
/// The `imageroll` tool as a user gets it, once per test class: build/pack.sh packs the Release build as ImageRoll.Tool
/// with a unique version into a temporary feed, and `dotnet tool install --tool-path` installs it from there with a
/// fresh NUGET_PACKAGES folder, so NuGet's cache can never serve older bits.
/// </summary>
public sealed class PackedTool : IAsyncLifetime
{
    private readonly string _root = Directory.CreateTempSubdirectory("imageroll-tool-").FullName;

    public string Version { get; } = $"0.1.0-e2e{DateTime.UtcNow:yyyyMMddHHmmss}{Random.Shared.Next(1000):D3}";

    public string Executable => Path.Combine(_root, "tools", "imageroll");

    public async ValueTask InitializeAsync()
    {
        var feed = Path.Combine(_root, "feed");
        (await ExternalTool.RunAsync(Path.Combine(TestServices.RepoRoot, "build", "pack.sh"), ["--version", Version, "--no-build", "--only", "tool", "--out", feed],
            timeout: TimeSpan.FromMinutes(3))).EnsureSuccess("build/pack.sh");
        (await ExternalTool.RunAsync("dotnet", ["tool", "install", "--tool-path", Path.Combine(_root, "tools"), "ImageRoll.Tool", "--version", Version, "--add-source", feed],
            new Dictionary<string, string> { ["NUGET_PACKAGES"] = Path.Combine(_root, "nuget") }, timeout: TimeSpan.FromMinutes(3))).EnsureSuccess("dotnet tool install");
        Assert.True(File.Exists(Executable), $"{Executable} was not installed");
    }

    /// <summary>Runs the installed `imageroll` with exactly these variables added (CI variables cleared unless given).</summary>
    public Task<ToolResult> RunAsync(IReadOnlyDictionary<string, string> env, string workingDirectory, params string[] args)
    {
        var environment = new Dictionary<string, string> { ["GITHUB_ACTIONS"] = string.Empty, ["JENKINS_URL"] = string.Empty };
        foreach (var (k, v) in env)
        {
            environment[k] = v;
        }

        return ExternalTool.RunAsync(Executable, args, environment, workingDirectory: workingDirectory, timeout: TimeSpan.FromMinutes(6), cancellationToken: TestContext.Current.CancellationToken);
    }

    public ValueTask DisposeAsync()
    {
        try
        {
            Directory.Delete(_root, recursive: true);
        }
        catch (IOException)
        {
        }

        return ValueTask.CompletedTask;
    }
}
