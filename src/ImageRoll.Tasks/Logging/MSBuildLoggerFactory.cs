using Microsoft.Extensions.Logging;

namespace ImageRoll.Tasks.Logging;

/// <summary>
/// The engine's <see cref="ILogger"/> bridged to MSBuild's log, as dotnet/sdk's containers tasks bridge theirs
/// (Microsoft.NET.Build.Containers.Logging.MSBuildLogger): Information is a normal-importance message (steps and
/// results, shown at -v:n), Debug and Trace are low importance (requests, shown at -v:d), warnings and errors are
/// MSBuild warnings and errors. A small factory of its own keeps Microsoft.Extensions.Logging out of the task folder.
/// </summary>
public sealed class MSBuildLoggerFactory(TaskLogSink sink) : ILoggerFactory
{
    public ILogger CreateLogger(string categoryName) => new MSBuildLogger(sink, categoryName);

    public void AddProvider(ILoggerProvider provider) => throw new NotSupportedException("The MSBuild logger factory writes only to MSBuild's log.");

    public void Dispose()
    {
    }
}
