using Microsoft.Build.Framework;
using Microsoft.Extensions.Logging;

namespace ImageRoll.Tasks.Logging;

/// <summary>One engine logger category over <see cref="TaskLogSink"/>; see <see cref="MSBuildLoggerFactory"/>.</summary>
public sealed class MSBuildLogger(TaskLogSink sink, string category) : Microsoft.Extensions.Logging.ILogger
{
    public string Category { get; } = category;

    public IDisposable? BeginScope<TState>(TState state)
        where TState : notnull => null;

    public bool IsEnabled(LogLevel logLevel) => logLevel != LogLevel.None;

    public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter)
    {
        ArgumentNullException.ThrowIfNull(formatter);
        if (!IsEnabled(logLevel))
        {
            return;
        }

        var text = formatter(state, exception);
        switch (logLevel)
        {
            case LogLevel.Warning:
                sink.Warning(null, text);
                break;
            case LogLevel.Error or LogLevel.Critical:
                // The engine's failures reach the build as the release's one coded error; a logged error is context.
                sink.Message(MessageImportance.High, text);
                break;
            case LogLevel.Information:
                sink.Message(MessageImportance.Normal, text);
                break;
            default:
                sink.Message(MessageImportance.Low, text);
                break;
        }
    }
}
