using System.Globalization;
using ImageRoll.IntegrationTests.Infrastructure;

[assembly: AssemblyFixture(typeof(ImageRoll.Tasks.Tests.Infrastructure.TasksPackage))]

namespace ImageRoll.Tasks.Tests.Infrastructure;

/// <summary>
/// The ImageRoll.Tasks package, packed ONCE per test run by build/pack.sh into nuget/packages with a version of its
/// own (NuGet's global cache would otherwise serve an older package's bits under a reused version), and a NuGet
/// packages folder of its own for the projects the tests restore. Both are removed at the end of the run.
/// </summary>
public sealed class TasksPackage : IAsyncLifetime
{
    private static readonly SemaphoreSlim Gate = new(1, 1);
    private bool _packed;

    public string Version { get; } = string.Create(CultureInfo.InvariantCulture, $"0.1.0-test.{DateTime.UtcNow:yyyyMMddHHmmss}.{Environment.ProcessId}");

    public string Feed { get; } = Path.Combine(TestServices.RepoRoot, "nuget", "packages");

    /// <summary>NUGET_PACKAGES for every restore and build of the test projects.</summary>
    public string PackagesFolder { get; } = Directory.CreateTempSubdirectory("imageroll-tasks-nuget-").FullName;

    /// <summary>Packs on first use (tests that never need the package never pay for it).</summary>
    public async Task EnsurePackedAsync()
    {
        await Gate.WaitAsync(TestContext.Current.CancellationToken);
        try
        {
            if (_packed)
            {
                return;
            }

            // --no-build: build/test.sh (and the landing script) built the solution in Release already.
            var result = await ExternalTool.RunAsync(Path.Combine(TestServices.RepoRoot, "build", "pack.sh"), ["--version", Version, "--no-build", "--only", "tasks"],
                timeout: TimeSpan.FromMinutes(5), cancellationToken: TestContext.Current.CancellationToken);
            result.EnsureSuccess("build/pack.sh");
            Assert.True(File.Exists(Path.Combine(Feed, $"ImageRoll.Tasks.{Version}.nupkg")), $"build/pack.sh made no ImageRoll.Tasks.{Version}.nupkg in {Feed}");
            _packed = true;
        }
        finally
        {
            Gate.Release();
        }
    }

    public ValueTask InitializeAsync() => ValueTask.CompletedTask;

    public ValueTask DisposeAsync()
    {
        foreach (var file in Directory.Exists(Feed) ? Directory.GetFiles(Feed, $"*.{Version}.nupkg") : [])
        {
            File.Delete(file);
        }

        TryDelete(PackagesFolder);
        return ValueTask.CompletedTask;
    }

    internal static void TryDelete(string directory)
    {
        try
        {
            Directory.Delete(directory, recursive: true);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            // A leftover temp folder is harmless.
        }
    }
}
