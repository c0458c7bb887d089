using System.Text.Json;
using ImageRoll.Kubernetes;
using ImageRoll.Kubernetes.Models;
using ImageRoll.OpenShift.Models;
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
    private readonly ILogger _log = logger ?? NullLogger.Instance;
    private readonly TimeProvider _clock = time ?? TimeProvider.System;

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

        // A DeploymentConfig rolls back as a NEW version: note the failed one, so following starts only once the
        // rollback's version exists (else the failed RC's phase would be read as the rollback's outcome).
        var failedVersion = request.Workload.Kind == ResourceKind.DeploymentConfigs
            ? (await api.GetAsync<DeploymentConfig>(request.Workload.Kind, request.Workload.Namespace ?? api.DefaultNamespace, request.Workload.Name, cancellationToken).ConfigureAwait(false)).Status.LatestVersion
            : (long?)null;
        string? streamTag = null;
        var appliedBy = "ImageRoll";
        if (request.StreamTag is not null)
        {
            var tagged = await new StreamTagRepointer(api, _log).RepointAsync(request.StreamTag, target.Images.Values, request.BadValue, cancellationToken).ConfigureAwait(false);
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

        if (failedVersion is long failed)
        {
            await WaitAsync(target.Workload, o => o is DeploymentConfig dc && dc.Status.LatestVersion > failed, follow.Timeout, cancellationToken).ConfigureAwait(false);
        }

        _log.LogInformation("{Workload}: {What} (applied by {By}); following the rollback.", request.Workload, WorkloadRollback.Describe(target), appliedBy);
        var results = await new RolloutFollower(api, _clock, _log).FollowAsync([request.Workload], follow with { Watch = true }, progress, cancellationToken).ConfigureAwait(false);
        var result = results[0];
        return new RollbackResult(true, $"{WorkloadRollback.Describe(target)} by {appliedBy}: {result.Message}", target.Revision,
            target.Images.Select(kv => $"{kv.Key}={kv.Value}").ToList(), streamTag, result.Outcome, result.Message);
    }

    /// <summary>Waits (watching the one object) until its template carries the target's images, or the grace period ends.</summary>
    private Task<bool> TemplateCarriesAsync(RollbackTarget target, TimeSpan grace, CancellationToken cancellationToken) =>
        WaitAsync(target.Workload, o => Carries(target, o), grace, cancellationToken);

    /// <summary>Lists then watches the one object (field selector on its name) until <paramref name="condition"/> holds or <paramref name="limit"/> passes.</summary>
    private async Task<bool> WaitAsync(WorkloadRef w, Func<KubeObject, bool> condition, TimeSpan limit, CancellationToken cancellationToken)
    {
        var ns = w.Namespace ?? api.DefaultNamespace;
        using var cts = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        using var timer = _clock.CreateTimer(_ => cts.Cancel(), null, limit, Timeout.InfiniteTimeSpan);
        try
        {
            if (w.Kind == ResourceKind.DeploymentConfigs)
            {
                return await WaitTypedAsync<DeploymentConfig>(w, ns, condition, cts.Token).ConfigureAwait(false);
            }

            return await WaitTypedAsync<KubeObject>(w, ns, condition, cts.Token).ConfigureAwait(false);
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            _log.LogWarning("{Workload}: not reached within {Limit}; going on.", w, Util.GoDuration.Format(limit));
            return false;
        }
    }

    private async Task<bool> WaitTypedAsync<T>(WorkloadRef w, string ns, Func<KubeObject, bool> condition, CancellationToken cancellationToken)
        where T : KubeObject
    {
        var list = await api.ListAsync<T>(w.Kind, ns, new ListOptions(FieldSelector: $"metadata.name={w.Name}"), cancellationToken).ConfigureAwait(false);
        if (list.Items.Any(condition))
        {
            return true;
        }

        var options = new WatchOptions(ResourceVersion: list.Metadata.ResourceVersion, FieldSelector: $"metadata.name={w.Name}");
        await foreach (var e in api.WatchAsync<T>(w.Kind, ns, options, cancellationToken).ConfigureAwait(false))
        {
            if (e.Object is { } o && e.Type != Kubernetes.Models.WatchEventType.Bookmark && condition(o))
            {
                return true;
            }
        }

        return false;
    }

    private static bool Carries(RollbackTarget target, KubeObject o)
    {
        var json = JsonSerializer.SerializeToElement(o, KubeJson.TypeInfo(o.GetType()));
        if (target.Workload.Kind == ResourceKind.CronJobs || !json.TryGetProperty("spec", out var spec) || spec.ValueKind != JsonValueKind.Object || !spec.TryGetProperty("template", out var t))
        {
            return false;
        }

        var template = t.Deserialize(KubeJson.TypeInfo<PodTemplateSpec>())!;
        var images = template.Spec.InitContainers.Concat(template.Spec.Containers).Where(c => c.Name is not null).ToDictionary(c => c.Name!, c => c.Image);
        return target.Images.All(kv => images.TryGetValue(kv.Key, out var img) && img == kv.Value);
    }
}
