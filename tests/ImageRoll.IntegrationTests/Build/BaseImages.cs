using ImageRoll.IntegrationTests.Infrastructure;

namespace ImageRoll.IntegrationTests.Build;

/// <summary>
/// The locally made base images in this run's registry (build/base-images.sh): busybox for Dockerfile tests and the
/// machine's own .NET runtime for the sample. Made once per test run; the .NET rootfs is cached across runs.
/// </summary>
public static class BaseImages
{
    private static readonly SemaphoreSlim Gate = new(1, 1);
    private static IReadOnlyDictionary<string, string>? _refs;

    public static async Task<string> BusyboxAsync() => (await LoadAsync())["BASE_BUSYBOX"];

    public static async Task<string> DotnetAsync() => (await LoadAsync())["BASE_DOTNET"];

    private static async Task<IReadOnlyDictionary<string, string>> LoadAsync()
    {
        var registry = TestServices.Registry;
        await Gate.WaitAsync(TestContext.Current.CancellationToken);
        try
        {
            if (_refs is not null)
            {
                return _refs;
            }

            var result = await ExternalTool.RunAsync(Path.Combine(TestServices.RepoRoot, "build", "base-images.sh"), [registry], timeout: TimeSpan.FromMinutes(5));
            result.EnsureSuccess("build/base-images.sh");
            _refs = result.Stdout.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)
                .Select(l => l.Split('=', 2))
                .Where(p => p.Length == 2)
                .ToDictionary(p => p[0], p => p[1]);
            return _refs;
        }
        finally
        {
            Gate.Release();
        }
    }
}
