using System.Text.Json.Nodes;
using ImageRoll.Kubernetes;
using ImageRoll.OpenShift.TriggerStep;
using Microsoft.Extensions.Logging;

namespace ImageRoll.Cli.Commands;

/// <summary>
/// The seam after the trigger step of <c>imageroll rollout</c>: follow each workload's rollout to completion
/// (kubectl/oc completion logic, OPENSHIFT-FACTS.md §2/§4). Each <see cref="TriggerOutcome"/> carries the
/// workload, the value set, the resourceVersion/generation after the change and, for a DeploymentConfig, its
/// latestVersion. The rollouts area plugs its follower in here; returns the JSON to add to the result (or null),
/// and throws an ImageRollException (exit 4/5) when a rollout fails or times out.
/// </summary>
internal static class RolloutFollowStep
{
    public static Task<JsonNode?> FollowAsync(CommandContext ctx, IKubeApi api, IReadOnlyList<TriggerOutcome> outcomes, TimeSpan timeout, CancellationToken cancellationToken)
    {
        _ = api;
        _ = timeout;
        cancellationToken.ThrowIfCancellationRequested();
        ctx.CreateLogger("ImageRoll.Rollout").LogInformation(
            "Rollout following is not wired in yet: {Count} workload(s) triggered; check them with `imageroll status` or kubectl rollout status.", outcomes.Count);
        return Task.FromResult<JsonNode?>(null);
    }
}
