using System.Globalization;
using ImageRoll.Rollouts;
using ImageRoll.Tasks.Logging;
using Microsoft.Build.Framework;
using TaskItem = Microsoft.Build.Utilities.TaskItem;

namespace ImageRoll.Tasks.Steps;

/// <summary>
/// Follows rollouts to their end with kubectl's completion logic and early failure diagnosis (docs/rollouts.md),
/// within Timeout; a failed or timed-out rollout is one IR4xxx error with the evidence (pod, reason, message).
/// </summary>
public sealed partial class ImageRollWait : StepTaskBase
{
    protected override async Task RunStepAsync(TimeSpan timeout, CancellationToken cancellationToken)
    {
        var workloads = StepWorkloads.Parse(Workloads);
        var grace = Duration(nameof(GracePeriod), GracePeriod);
        using var kube = CreateKube();
        var supervisor = new RolloutSupervisor(kube, TimeProvider.System, Loggers.CreateLogger("ImageRoll.Rollouts"));
        var options = new RolloutSupervisorOptions { Deadline = DateTimeOffset.UtcNow + timeout, GracePeriod = grace };
        var results = await supervisor.FollowAsync(workloads, options, new MSBuildReleaseObserver(Sink), cancellationToken).ConfigureAwait(false);
        RolledOutWorkloads = results.Select(r =>
        {
            var item = new TaskItem(r.Workload.ToString());
            item.SetMetadata("Outcome", r.Outcome.ToString());
            item.SetMetadata("Message", r.Message);
            item.SetMetadata("Reason", r.Reason ?? string.Empty);
            item.SetMetadata("Evidence", r.Evidence?.Describe() ?? string.Empty);
            item.SetMetadata("DurationSeconds", r.Elapsed.TotalSeconds.ToString("0.0", CultureInfo.InvariantCulture));
            return (ITaskItem)item;
        }).ToArray();
        RolloutFailures.ThrowIfNotSucceeded(results);
    }
}
