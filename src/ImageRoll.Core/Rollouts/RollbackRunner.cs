using System.Text.Json;
using ImageRoll.Kubernetes;
using ImageRoll.Kubernetes.Models;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;

namespace ImageRoll.Rollouts;

/// <summary>
/// Rolls a failed rollout back and follows the rollback to its end. Order matters: when a stream tag drove the
/// rollout, the tag is pointed back at the previous image first; then in wait mode the trigger controller performs
/// the rollback (ImageRoll waits for the template to change and applies the undo itself if the controller does not
/// act within the grace period), in patch mode (or without a trigger) ImageRoll applies the undo.
/// </summary>
public sealed class RollbackRunner(IKubeApi api, TimeProvider? time = null, ILogger? logger = null)
{
    private readonly ILogger log = logger ?? NullLogger.Instance;
    private readonly TimeProvider clock = time ?? TimeProvider.System;

    public async Task<RollbackResult> RunAsync(RollbackRequest request, RolloutFollowOptions follow, IProgress<RolloutProgress>? progress, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        ArgumentNullException.ThrowIfNull(follow);
        var undo = new WorkloadRollback(api);
        RollbackTarget target;
        try
        {
            target = await undo.FindPreviousAsync(request.Workload, cancellationToken).ConfigureAwait(false);
        }
        catch (ImageRollException ex)
        {
            return new RollbackResult(false, $"rollback not possible: {ex.Message}", null, [], null, null, ex.Message);
        }

        string? streamTag = null;
        var appliedBy = "ImageRoll";
        if (request.StreamTag is not null)
        {
            var tagged = await new StreamTagRepointer(api, log).RepointAsync(request.StreamTag, target.Images.Values, request.BadValue, cancellationToken).ConfigureAwait(false);
            streamTag = $"{request.StreamTag} -> {tagged.DockerImageReference ?? tagged.Image}";
        }

        if (request.StreamTag is not null && request.TriggerApplies
            && await TemplateCarriesAsync(target, follow.EffectiveGracePeriod, cancellationToken).ConfigureAwait(false))
        {
            appliedBy = "the trigger controller";
        }
        else
        {
            await undo.ApplyAsync(target, cancellationToken).ConfigureAwait(false);
        }

        log.LogInformation("{Workload}: {What} (applied by {By}); following the rollback.", request.Workload, WorkloadRollback.Describe(target), appliedBy);
        var results = await new RolloutFollower(api, clock, log).FollowAsync([request.Workload], follow with { Watch = true }, progress, cancellationToken).ConfigureAwait(false);
        var result = results[0];
        return new RollbackResult(true, $"{WorkloadRollback.Describe(target)} by {appliedBy}: {result.Message}", target.Revision,
            target.Images.Select(kv => $"{kv.Key}={kv.Value}").ToList(), streamTag, result.Outcome, result.Message);
    }

    /// <summary>Waits (watching the one object) until its template carries the target's images, or the grace period ends.</summary>
    private async Task<bool> TemplateCarriesAsync(RollbackTarget target, TimeSpan grace, CancellationToken cancellationToken)
    {
        var w = target.Workload;
        var ns = w.Namespace ?? api.DefaultNamespace;
        using var cts = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        using var timer = clock.CreateTimer(_ => cts.Cancel(), null, grace, Timeout.InfiniteTimeSpan);
        try
        {
            var list = await api.ListAsync<KubeObject>(w.Kind, ns, new ListOptions(FieldSelector: $"metadata.name={w.Name}"), cts.Token).ConfigureAwait(false);
            if (list.Items.Any(Carries))
            {
                return true;
            }

            var options = new WatchOptions(ResourceVersion: list.Metadata.ResourceVersion, FieldSelector: $"metadata.name={w.Name}");
            await foreach (var e in api.WatchAsync<KubeObject>(w.Kind, ns, options, cts.Token).ConfigureAwait(false))
            {
                if (e.Object is { } o && Carries(o))
                {
                    return true;
                }
            }
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            log.LogWarning("{Workload}: the trigger controller did not restore the previous image within {Grace}; applying the rollback directly.", w, Util.GoDuration.Format(grace));
        }

        return false;

        bool Carries(KubeObject o)
        {
            var json = System.Text.Json.JsonSerializer.SerializeToElement(o, KubeJson.Options);
            var spec = json.TryGetProperty("spec", out var s) ? s : default;
            if (w.Kind == ResourceKind.CronJobs || spec.ValueKind != System.Text.Json.JsonValueKind.Object || !spec.TryGetProperty("template", out var t))
            {
                return false;
            }

            var template = t.Deserialize<PodTemplateSpec>(KubeJson.Options)!;
            var images = template.Spec.InitContainers.Concat(template.Spec.Containers).Where(c => c.Name is not null).ToDictionary(c => c.Name!, c => c.Image);
            return target.Images.All(kv => images.TryGetValue(kv.Key, out var img) && img == kv.Value);
        }
    }
}
