using System.Collections.Concurrent;
using Microsoft.Build.Execution;
using Microsoft.Build.Framework;

namespace ImageRoll.Tasks.Tests.Infrastructure;

/// <summary>An MSBuild logger that keeps what a test asserts on: errors and warnings with their codes and places,
/// messages with their importance, and the order targets and tasks started and finished in.</summary>
public sealed class BuildRecord : ILogger
{
    private readonly ConcurrentQueue<BuildEventArgs> _events = new();
    private readonly ConcurrentBag<(string Text, TaskCompletionSource Seen)> _watches = [];

    public LoggerVerbosity Verbosity { get; set; } = LoggerVerbosity.Diagnostic;

    public string? Parameters { get; set; }

    public BuildResult? Result { get; set; }

    public bool Succeeded => Result?.OverallResult == BuildResultCode.Success;

    public IReadOnlyList<BuildErrorEventArgs> Errors => _events.OfType<BuildErrorEventArgs>().ToList();

    public IReadOnlyList<BuildWarningEventArgs> Warnings => _events.OfType<BuildWarningEventArgs>().ToList();

    public IReadOnlyList<BuildMessageEventArgs> Messages => _events.OfType<BuildMessageEventArgs>().ToList();

    /// <summary>"start:Name" / "end:Name" for every target, in order.</summary>
    public IReadOnlyList<string> TargetEvents => _events.Select(e => e switch
    {
        TargetStartedEventArgs s => "start:" + s.TargetName,
        TargetFinishedEventArgs f => "end:" + f.TargetName,
        _ => null,
    }).OfType<string>().ToList();

    public IReadOnlyList<string> TasksRun => _events.OfType<TaskStartedEventArgs>().Select(t => t.TaskName).ToList();

    public string Text => string.Join(Environment.NewLine, _events.Select(e => e switch
    {
        BuildErrorEventArgs err => $"{err.File}({err.LineNumber}): error {err.Code}: {err.Message}",
        BuildWarningEventArgs w => $"{w.File}({w.LineNumber}): warning {w.Code}: {w.Message}",
        _ => e.Message,
    }));

    public void Initialize(IEventSource eventSource)
    {
        ArgumentNullException.ThrowIfNull(eventSource);
        eventSource.AnyEventRaised += (_, e) =>
        {
            _events.Enqueue(e);
            foreach (var (text, seen) in _watches)
            {
                if (e.Message?.Contains(text, StringComparison.Ordinal) == true)
                {
                    seen.TrySetResult();
                }
            }
        };
    }

    public void Shutdown()
    {
    }

    public int IndexOf(string targetEvent) => TargetEvents.ToList().IndexOf(targetEvent);

    /// <summary>The project's properties and items after the build (outputs of targets included).</summary>
    public Microsoft.Build.Execution.ProjectInstance? State => Result?.ProjectStateAfterBuild;

    /// <summary>Completes when a message containing <paramref name="text"/> is logged (register before the build starts).</summary>
    public Task WhenLogged(string text)
    {
        var seen = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        _watches.Add((text, seen));
        return seen.Task;
    }
}
