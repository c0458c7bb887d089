using Microsoft.Build.Evaluation;
using Microsoft.Build.Execution;
using Microsoft.Build.Framework;

namespace ImageRoll.Tasks.Tests.Infrastructure;

/// <summary>
/// Evaluates and builds a real project with the SDK's MSBuild inside the test process (Microsoft.Build.Locator):
/// one build at a time (MSBuild's BuildManager is one per process), no compiler server, no reused nodes.
/// </summary>
public static class InProcessBuild
{
    private static readonly SemaphoreSlim Gate = new(1, 1);

    /// <summary>Global properties every test build gets: no VBCSCompiler left running after the tests.</summary>
    public static Dictionary<string, string> Globals(params (string Name, string Value)[] properties)
    {
        var globals = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase) { ["UseSharedCompilation"] = "false" };
        foreach (var (name, value) in properties)
        {
            globals[name] = value;
        }

        return globals;
    }

    /// <summary>The evaluated project (properties, items) with these global properties.</summary>
    public static ProjectInstance Evaluate(string projectFile, IDictionary<string, string> globals)
    {
        using var collection = new ProjectCollection(globals);
        var project = collection.LoadProject(projectFile);
        return project.CreateProjectInstance();
    }

    /// <summary>Builds <paramref name="targets"/> and returns everything the loggers saw.</summary>
    public static Task<BuildRecord> BuildAsync(string projectFile, IDictionary<string, string> globals, params string[] targets) =>
        BuildAsync(new BuildRecord(), projectFile, globals, targets);

    /// <summary>Builds with <paramref name="record"/> as the logger (a test may watch it while the build runs).</summary>
    public static Task<BuildRecord> BuildAsync(BuildRecord record, string projectFile, IDictionary<string, string> globals, params string[] targets) =>
        BuildAsync(record, [], projectFile, globals, targets);

    /// <summary>As <see cref="BuildAsync(string, IDictionary{string, string}, string[])"/>, also writing a binary log (what <c>-bl</c> writes).</summary>
    public static Task<BuildRecord> BuildWithBinlogAsync(string binlog, string projectFile, IDictionary<string, string> globals, params string[] targets) =>
        BuildAsync(new BuildRecord(), [new Microsoft.Build.Logging.BinaryLogger { Parameters = binlog }], projectFile, globals, targets);

    /// <summary>Builds with <paramref name="record"/> and <paramref name="loggers"/> (a binary logger, a file logger).</summary>
    public static async Task<BuildRecord> BuildAsync(BuildRecord record, IEnumerable<ILogger> loggers, string projectFile, IDictionary<string, string> globals, params string[] targets)
    {
        await Gate.WaitAsync(TestContext.Current.CancellationToken);
        try
        {
            using var collection = new ProjectCollection(globals);
            var parameters = new BuildParameters(collection)
            {
                Loggers = [record, .. loggers],
                EnableNodeReuse = false,
                MaxNodeCount = 1,
                DisableInProcNode = false,
            };
            var request = new BuildRequestData(projectFile, globals.ToDictionary(g => g.Key, string? (g) => g.Value), null, targets, null,
                BuildRequestDataFlags.ProvideProjectStateAfterBuild);
            using var registration = TestContext.Current.CancellationToken.Register(() => BuildManager.DefaultBuildManager.CancelAllSubmissions());
            var result = await Task.Run(() => BuildManager.DefaultBuildManager.Build(parameters, request));
            record.Result = result;
            return record;
        }
        finally
        {
            Gate.Release();
        }
    }
}
