using System.Security;
using ImageRoll.IntegrationTests.Infrastructure;

namespace ImageRoll.Tasks.Tests.Infrastructure;

/// <summary>
/// samples/HelloWeb copied into a temp folder (never built in place), referencing the packed ImageRoll.Tasks through a
/// NuGet.config that points at nuget/packages only, restored once with its own NuGet packages folder.
/// <see cref="ExtraProjectXml"/> goes into the project file (properties and items as a user would write them).
/// </summary>
public sealed class SampleProject : IDisposable
{
    private SampleProject(string directory, TasksPackage package)
    {
        Directory = directory;
        Package = package;
    }

    public string Directory { get; }

    public TasksPackage Package { get; }

    public string ProjectFile => Path.Combine(Directory, "HelloWeb.csproj");

    /// <summary>The environment every dotnet child process gets: its own NuGet folder, no lingering servers.</summary>
    public Dictionary<string, string> Environment => new()
    {
        ["NUGET_PACKAGES"] = Package.PackagesFolder,
        ["DOTNET_CLI_TELEMETRY_OPTOUT"] = "1",
        ["DOTNET_NOLOGO"] = "1",
        ["MSBUILDDISABLENODEREUSE"] = "1",
        ["DOTNET_CLI_USE_MSBUILD_SERVER"] = "0",
    };

    /// <summary>Creates and restores the project. <paramref name="extraProjectXml"/> is inserted before &lt;/Project&gt;.</summary>
    public static async Task<SampleProject> CreateAsync(TasksPackage package, string extraProjectXml = "", Func<string, string>? transform = null)
    {
        ArgumentNullException.ThrowIfNull(package);
        await package.EnsurePackedAsync();
        var dir = System.IO.Directory.CreateTempSubdirectory("imageroll-tasks-sample-").FullName;
        var sample = Path.Combine(TestServices.RepoRoot, "samples", "HelloWeb");
        foreach (var file in System.IO.Directory.GetFiles(sample).Where(f => f.EndsWith(".cs", StringComparison.Ordinal) || f.EndsWith(".json", StringComparison.Ordinal)))
        {
            File.Copy(file, Path.Combine(dir, Path.GetFileName(file)));
        }

        var project = (transform ?? (p => p))(await File.ReadAllTextAsync(Path.Combine(sample, "HelloWeb.csproj"), TestContext.Current.CancellationToken));
        var reference = $"""
              <ItemGroup>
                <PackageReference Include="ImageRoll.Tasks" Version="{package.Version}" />
              </ItemGroup>
            {extraProjectXml}
            </Project>
            """;
        project = project[..project.LastIndexOf("</Project>", StringComparison.Ordinal)] + reference + System.Environment.NewLine;
        await File.WriteAllTextAsync(Path.Combine(dir, "HelloWeb.csproj"), project, TestContext.Current.CancellationToken);
        await File.WriteAllTextAsync(Path.Combine(dir, "NuGet.config"), $"""
            <?xml version="1.0" encoding="utf-8"?>
            <configuration>
              <packageSources>
                <clear />
                <add key="imageroll-local" value="{SecurityElement.Escape(package.Feed)}" />
              </packageSources>
            </configuration>
            """, TestContext.Current.CancellationToken);
        var result = new SampleProject(dir, package);
        (await result.DotnetAsync("restore", result.ProjectFile)).EnsureSuccess("dotnet restore");
        return result;
    }

    /// <summary>Runs <c>dotnet ARGS</c> in the project folder (no node reuse, no compiler server left behind).</summary>
    public Task<ToolResult> DotnetAsync(params string[] args) => DotnetAsync(args, null);

    public Task<ToolResult> DotnetAsync(IReadOnlyList<string> args, IReadOnlyDictionary<string, string>? environment)
    {
        var env = Environment;
        foreach (var (k, v) in environment ?? new Dictionary<string, string>())
        {
            env[k] = v;
        }

        return ExternalTool.RunAsync("dotnet", [.. args, "-nologo", "-nodeReuse:false", "-p:UseSharedCompilation=false"], env,
            workingDirectory: Directory, timeout: TimeSpan.FromMinutes(5), cancellationToken: TestContext.Current.CancellationToken);
    }

    public void Dispose() => TasksPackage.TryDelete(Directory);
}
