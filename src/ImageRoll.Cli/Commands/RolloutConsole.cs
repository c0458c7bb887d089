using ImageRoll.Cli.Console;
using ImageRoll.Kubernetes;
using ImageRoll.Rollouts;
using Microsoft.Extensions.Logging;

namespace ImageRoll.Cli.Commands;

/// <summary>
/// How <c>imageroll status</c> and <c>imageroll rollout</c> show a rollout on stderr: kubectl's words, one line per
/// change (prefixed with the workload when several are followed), and the rollback of a failed workload. A line is
/// never printed twice (docs/errors.md, "stdout and stderr"): a failed workload's words are in the error line when
/// it is the only one followed, and for <c>status</c> (<paramref name="resultsOnStdout"/>) kubectl's last words are
/// the result on stdout (or, when it did not succeed, the error on stderr), so the console leaves out the final line
/// of each workload and, for a snapshot (<paramref name="watch"/> false), the one status line too.
/// </summary>
public sealed class RolloutConsole(CommandContext context, bool prefix, bool resultsOnStdout = false, bool watch = true) : IRolloutObserver, IProgress<RolloutProgress>
{
    private readonly object _gate = new();

    public void Report(RolloutProgress value) => RolloutProgress(value);

    public void RolloutProgress(RolloutProgress progress)
    {
        ArgumentNullException.ThrowIfNull(progress);
        if (context.LogLevel > LogLevel.Information && progress.State != RolloutState.Failed)
        {
            return;
        }

        var final = progress.State is RolloutState.Done or RolloutState.Failed;
        if ((progress.State == RolloutState.Failed && (!prefix || resultsOnStdout))
            || (resultsOnStdout && final)
            || (resultsOnStdout && !watch && progress.Reason is null))
        {
            return;
        }

        var line = progress.Reason is not null && progress.State == RolloutState.Waiting ? $"  {progress.Message}" : progress.Message;
        Write(prefix ? $"{progress.Workload}: {line}" : line);
    }

    public void RollbackStarted(WorkloadRef workload, string reason) => Write($"{workload}: {reason}; rolling back.");

    public void RollbackFinished(WorkloadRef workload, RollbackResult result) => Write($"{workload}: {result?.Description}");

    private void Write(string line)
    {
        lock (_gate)
        {
            context.IO.Error.WriteLine(line);
            context.IO.Error.Flush();
        }
    }
}
