using ImageRoll.Release;
using ImageRoll.Tasks.Binding;

namespace ImageRoll.Tasks.Services;

/// <summary>
/// The release's error as MSBuild reports it: the engine's IR code, its message, and for each workload that failed
/// the evidence a person would go and look at (pod, container, reason, message, events), unless the engine's message
/// or hint already says it.
/// </summary>
public static class ReleaseErrorText
{
    public static TaskError ToTaskError(ReleaseError error, ReleaseResult result, SourceLocation location)
    {
        ArgumentNullException.ThrowIfNull(error);
        ArgumentNullException.ThrowIfNull(result);
        var said = error.Message + "\n" + error.Hint;
        var lines = new List<string> { error.Message };
        foreach (var workload in result.Workloads.Where(w => w.Evidence is not null))
        {
            var evidence = workload.Evidence!.Describe();
            if (!said.Contains(evidence, StringComparison.Ordinal))
            {
                lines.Add($"{workload.Kind.ToLowerInvariant()}/{workload.Name}: {evidence}");
            }

            foreach (var e in workload.Evidence.Events.Where(e => e.Message is not null && !said.Contains(e.Message, StringComparison.Ordinal)).Take(3))
            {
                lines.Add($"  event {e.Type} {e.Reason}: {e.Message}");
            }

            if (workload.Rollback is { } rollback && !said.Contains(rollback.Description, StringComparison.Ordinal))
            {
                lines.Add($"  rollback: {rollback.Description}");
            }
        }

        return new TaskError(error.Code, string.Join(Environment.NewLine, lines), error.Hint, location);
    }
}
