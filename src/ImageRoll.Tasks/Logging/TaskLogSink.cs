using ImageRoll.Tasks.Binding;
using Microsoft.Build.Framework;
using Microsoft.Build.Utilities;

namespace ImageRoll.Tasks.Logging;

/// <summary>
/// The one way the tasks write to MSBuild's log: serialised (the engine reports from several threads), and silent
/// once the task has returned (MSBuild rejects events from a finished task; a cancelled release may still be
/// unwinding on another thread). Errors and warnings carry their IR code in MSBuild's Code field, never only in the text.
/// </summary>
public sealed class TaskLogSink(TaskLoggingHelper log)
{
    private readonly object _gate = new();
    private bool _closed;

    public TaskLoggingHelper Log { get; } = log;

    public void Message(MessageImportance importance, string text) => Write(() => Log.LogMessage(importance, "{0}", text));

    public void Warning(string? code, string text, SourceLocation? location = null) =>
        Write(() => Log.LogWarning(null, code, null, location?.File, location?.Line ?? 0, 0, 0, 0, "{0}", text));

    /// <summary>An error as <c>FILE(LINE): error IRnnnn: message</c>, the hint on the next line.</summary>
    public void Error(TaskError error)
    {
        ArgumentNullException.ThrowIfNull(error);
        var text = error.Hint is null ? error.Message : $"{error.Message}{Environment.NewLine}hint: {error.Hint}";
        Write(() => Log.LogError(null, error.Code, null, error.Location?.File, error.Location?.Line ?? 0, 0, 0, 0, "{0}", text));
    }

    /// <summary>After this nothing more is written (called when Execute returns).</summary>
    public void Close()
    {
        lock (_gate)
        {
            _closed = true;
        }
    }

    private void Write(Action write)
    {
        lock (_gate)
        {
            if (_closed)
            {
                return;
            }

            try
            {
                write();
            }
            catch (InvalidOperationException)
            {
                // MSBuild refuses events once the build is shutting down (Ctrl+C): nothing left to tell.
            }
        }
    }
}
