using ImageRoll.Cli.Console;
using ImageRoll.Kubernetes;
using ImageRoll.Rollouts;
using Microsoft.Extensions.Logging;

namespace ImageRoll.Cli.Commands;

/// <summary>
/// How <c>imageroll status</c> and <c>imageroll rollout</c> show a rollout on stderr: kubectl's words, one line per
/// change (prefixed with the workload when several are followed), and the rollback of a failed workload.
/// </summary>
public sealed class RolloutConsole(CommandContext context, bool prefix) : IRolloutObserver, IProgress<RolloutProgress>
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
