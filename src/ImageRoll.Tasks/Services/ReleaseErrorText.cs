using ImageRoll.Release;
using ImageRoll.Tasks.Binding;

namespace ImageRoll.Tasks.Services;

/// <summary>
/// The release's error as MSBuild reports it: the engine's IR code, its message, and for each workload that failed
/// the evidence a person would go and look at (pod, container, reason, message), unless the message already says it.
/// </summary>
public static class ReleaseErrorText
{
    public static TaskError ToTaskError(ReleaseError error, ReleaseResult result, SourceLocation location)
    {
        ArgumentNullException.ThrowIfNull(error);
        ArgumentNullException.ThrowIfNull(result);
        var lines = new List<string> { error.Message };
        foreach (var workload in result.Workloads.Where(w => w.Evidence is not null))
        {
            var evidence = workload.Evidence!.Describe();
            if (!error.Message.Contains(evidence, StringComparison.Ordinal))
            {
                lines.Add($"{workload.Kind.ToLowerInvariant()}/{workload.Name}: {evidence}");
            }

            foreach (var e in workload.Evidence.Events.Take(3))
            {
                var text = $"  event {e.Type} {e.Reason}: {e.Message}";
                if (!error.Message.Contains(e.Message ?? text, StringComparison.Ordinal))
                {
                    lines.Add(text);
                }
            }

            if (workload.Rollback is { } rollback)
            {
                lines.Add($"  rollback: {rollback.Description}");
            }
        }

        return new TaskError(error.Code, string.Join(Environment.NewLine, lines), error.Hint, location);
    }
}
