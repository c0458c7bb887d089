using System.Text.Json.Nodes;
using ImageRoll.Kubernetes;
using ImageRoll.OpenShift.ImageStreams;
using ImageRoll.OpenShift.TriggerStep;
using ImageRoll.Rollouts;

namespace ImageRoll.Cli.Commands;

/// <summary>
/// The seam after the trigger step of <c>imageroll rollout</c>: follow each workload's rollout to completion
/// (kubectl pkg/polymorphichelpers/rollout_status.go, oc pkg/helpers/originpolymorphichelpers/deploymentconfigs/status.go;
/// docs/rollouts.md, "Status logic") with <see cref="RolloutFollower"/>, progress on stderr in
/// kubectl's words; with <c>--rollback-on-failure</c> roll failed workloads back (the stream tag first, when one
/// drove the rollout) and follow the rollback. Returns the JSON to add to the result; throws a
/// <see cref="RolloutFailedException"/> (exit 4 failed, 5 timed out) carrying every result, with its evidence and
/// rollback, when a workload did not succeed, rolled back or not.
/// </summary>
internal static class RolloutFollowStep
{
    /// <summary>How to follow: the follower's options, whether to roll back, and the stream tag that drove the rollout (null: --image).</summary>
    public sealed record Plan(RolloutFollowOptions Follow, bool RollbackOnFailure, StreamTagRef? StreamTag, bool WaitMode);

    public static async Task<JsonNode?> FollowAsync(CommandContext ctx, IKubeApi api, IReadOnlyList<TriggerOutcome> outcomes, Plan plan, CancellationToken cancellationToken)
    {
        var refs = outcomes.Select(o => o.Workload).Distinct().ToList();
        if (refs.Count == 0)
        {
            return null;
        }

        var options = plan.Follow;
        var logger = ctx.CreateLogger("ImageRoll.Rollouts");
        var progress = RolloutReport.Progress(ctx, refs.Count > 1);
        var results = (await new RolloutFollower(api, TimeProvider.System, logger).FollowAsync(refs, options, progress, cancellationToken).ConfigureAwait(false)).ToList();

        if (plan.RollbackOnFailure)
        {
            var streamTag = plan.StreamTag;
            var waitMode = plan.WaitMode;
            for (var i = 0; i < results.Count; i++)
            {
                if (results[i].Outcome is RolloutOutcome.Failed or RolloutOutcome.TimedOut && results[i].Reason != "NotFound")
                {
                    ctx.IO.Error.WriteLine($"{results[i].Workload}: {results[i].Message}; rolling back.");
                    var outcome = outcomes.First(o => o.Workload == results[i].Workload);
                    var request = new RollbackRequest(results[i].Workload, streamTag, outcome.Value, TriggerApplies: waitMode);
                    RollbackResult rollback;
                    try
                    {
                        rollback = await new RollbackRunner(api, TimeProvider.System, logger).RunAsync(request, options, progress, cancellationToken).ConfigureAwait(false);
                    }
                    catch (ImageRollException ex) when (ex is not RolloutFailedException)
                    {
                        // The rollback's own error (e.g. the stream tag could not be re-pointed) must not hide the
                        // rollout's evidence: both travel on, the rollback's code decides the exit.
                        results[i] = results[i] with { Rollback = new RollbackResult(false, $"rollback failed: {ex.Message}", null, [], null, null, ex.Message) };
                        throw new RolloutFailedException(ex.Code, ex.Kind, $"{results[i].Message}; rollback failed: {ex.Message}", ex.Hint, results, ex);
                    }

                    ctx.IO.Error.WriteLine($"{results[i].Workload}: {rollback.Description}");
                    results[i] = results[i] with { Rollback = rollback };
                }
            }
        }

        try
        {
            RolloutFailures.ThrowIfNotSucceeded(results);
        }
        catch (RolloutFailedException ex)
        {
            var rolledBack = results.FirstOrDefault(r => r.Rollback is not null)?.Rollback;
            if (rolledBack is null)
            {
                throw;
            }

            throw ex.With(results, $"{ex.Message} ({rolledBack.Description})");
        }

        return RolloutReport.ToJson(results, null);
    }
}
