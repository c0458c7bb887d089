using ImageRoll.Kubernetes;
using ImageRoll.OpenShift.ImageStreams;
using ImageRoll.OpenShift.Models;
using ImageRoll.OpenShift.Triggers;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;

namespace ImageRoll.OpenShift.TriggerStep;

/// <summary>
/// The trigger step: resolve the value the controllers write for the tag, find and check the workloads it drives
/// (every problem stops here with exit code 2, before anything changes), then either wait for the controllers or
/// make their change. Returns one outcome per workload for the rollout follower.
/// </summary>
public sealed class TriggerRunner(IKubeApi api, ILogger? logger = null)
{
    private readonly ILogger _logger = logger ?? NullLogger.Instance;

    public async Task<IReadOnlyList<TriggerOutcome>> RunAsync(TriggerOptions options, CancellationToken cancellationToken)
    {
        var ns = options.From.Namespace ?? api.DefaultNamespace;
        var from = options.From with { Namespace = ns };
        var value = await ResolveAsync(from, cancellationToken).ConfigureAwait(false);
        _logger.LogInformation("{Tag} resolves to {Value}.", from, value);

        var inspector = new TriggerInspector(api);
        var targets = new List<WorkloadTriggers>();
        if (options.Workloads.Count == 0)
        {
            var ignored = new List<WorkloadTriggers>();
            targets.AddRange(await inspector.FindTriggeredAsync(from, cancellationToken, options.WorkloadNamespace, ignored).ConfigureAwait(false));
            foreach (var other in ignored)
            {
                _logger.LogWarning("{Workload} is left alone: its {Annotation} annotation is broken ({Code}: {Message}), but nothing in it follows {Tag}.",
                    other.Workload, TriggerAnnotation.Key, other.Problems[0].Code, other.Problems[0].Message, from);
            }

            if (targets.Count == 0)
            {
                throw new ImageRollException(TriggerCodes.NoTriggeredWorkloads, FailureKind.BadInput,
                    $"No Deployment, StatefulSet, DaemonSet, CronJob or DeploymentConfig in namespace '{options.WorkloadNamespace ?? api.DefaultNamespace}' has a trigger on {from}.",
                    $"Name the workloads to roll out, or add a trigger: oc set triggers deployment/NAME --from-image={from.IstagName} -c CONTAINER.");
            }
        }
        else
        {
            foreach (var w in options.Workloads)
            {
                targets.Add(await inspector.InspectAsync(w with { Namespace = w.Namespace ?? options.WorkloadNamespace ?? api.DefaultNamespace }, from, cancellationToken).ConfigureAwait(false));
            }
        }

        foreach (var t in targets)
        {
            t.ThrowIfProblems();
            CheckUsable(t, options, from);
        }

        var outcomes = new List<TriggerOutcome>();
        foreach (var t in targets)
        {
            foreach (var m in t.Matches.Where(m => !m.FollowsTagMoves))
            {
                _logger.LogWarning("{Workload}: {Trigger} is applied by the controller whenever the workload changes (as now), but not when {Tag} moves later.", t.Workload, m.Description, from.IstagName);
            }

            var outcome = options.Mode == TriggerMode.Wait
                ? await new TriggerWaiter(api, _logger).WaitAsync(t, from, value, options.Grace, cancellationToken).ConfigureAwait(false)
                : await new TriggerPatcher(api, _logger).PatchAsync(t, value, options, cancellationToken).ConfigureAwait(false);
            _logger.LogInformation("{Workload}: {Action} ({Containers} = {Value}).", t.Workload, outcome.Action, string.Join(", ", outcome.Containers), value);
            outcomes.Add(outcome);
        }

        return outcomes;
    }

    /// <summary>The value the controllers write for the tag (ResolveLatestTaggedImage), or an error saying why there is none.</summary>
    public async Task<string> ResolveAsync(StreamTagRef from, CancellationToken cancellationToken)
    {
        var ns = from.Namespace ?? api.DefaultNamespace;
        if (!await api.ServesAsync("image.openshift.io/v1", cancellationToken).ConfigureAwait(false))
        {
            throw new ImageRollException(TriggerCodes.WaitNotOpenShift, FailureKind.BadInput,
                $"The cluster does not serve image.openshift.io/v1: it is not OpenShift, so there is no image stream {from.IstagName} and no trigger controller.",
                "On plain Kubernetes roll out the digest directly: imageroll rollout deployment/NAME --image REG/REPO@sha256:... [--container NAME].");
        }

        var stream = await api.TryGetAsync<ImageStream>(ResourceKind.ImageStreams, ns, from.Stream, cancellationToken).ConfigureAwait(false)
            ?? throw new ImageRollException(ImageStreamErrors.StreamNotFound, FailureKind.OperationFailed,
                $"The image stream '{from.Stream}' does not exist in namespace '{ns}'.",
                $"Tag an image into it first: imageroll tag REG/REPO@sha256:... {from.IstagName} -n {ns} --create-stream.");
        return TagResolver.ResolveLatestTaggedImage(stream, from.Tag)
            ?? throw new ImageRollException(ImageStreamErrors.TagHasNoImage, FailureKind.OperationFailed,
                $"The stream tag {ns}/{from.IstagName} has no image yet (status.tags[{from.Tag}].items is empty), so no trigger would fire.",
                $"Tag an image first (imageroll tag REG/REPO@sha256:... {from.IstagName}); `oc describe is {from.Stream}` shows import errors.");
    }

    internal static void CheckUsable(WorkloadTriggers t, TriggerOptions options, StreamTagRef from)
    {
        var wait = options.Mode == TriggerMode.Wait;
        if (t.IsDeploymentConfig)
        {
            if (t.DeploymentConfigPaused && (wait || !options.IgnorePaused))
            {
                throw new ImageRollException(DeploymentConfigTriggerCodes.Paused, FailureKind.BadInput,
                    $"{t.Workload} is paused (spec.paused: true): a paused DeploymentConfig never rolls out.",
                    wait ? $"Resume it (oc rollout resume {t.Workload}) or use --trigger patch --ignore-paused to update its template anyway."
                         : $"Resume it (oc rollout resume {t.Workload}), or pass --ignore-paused to update its template anyway (it rolls out once resumed).");
            }

            if (wait && !t.Matches.Any(m => !m.Paused))
            {
                throw new ImageRollException(DeploymentConfigTriggerCodes.NoTriggerForTag, FailureKind.BadInput,
                    t.Matches.Count == 0
                        ? $"{t.Workload} has no ImageChange trigger on {from.IstagName}, so no controller will change it."
                        : $"{t.Workload}'s ImageChange trigger on {from.IstagName} is not automatic, so the trigger reactor will not change it.",
                    $"Use --trigger patch (ImageRoll updates the image and instantiates a rollout, as oc rollout latest does), or add an automatic trigger: oc set triggers {t.Workload} --from-image={from.IstagName} -c CONTAINER.");
            }

            return;
        }

        if (t.Matches.Count == 0)
        {
            throw new ImageRollException(TriggerCodes.NoTriggerForTag, FailureKind.BadInput,
                $"{t.Workload} has no {TriggerAnnotation.Key} trigger on {from.IstagName}, so no controller will change it.",
                $"Add one: oc set triggers {t.Workload} --from-image={from.IstagName} -c CONTAINER (or roll out the digest with --image).");
        }

        if (t.Matches.FirstOrDefault(m => m.Paused) is { } paused && (wait || !options.IgnorePaused))
        {
            throw new ImageRollException(wait ? TriggerCodes.WaitTriggerPaused : TriggerCodes.TriggerPaused, FailureKind.BadInput,
                $"{t.Workload}'s {paused.Description} on {from.IstagName} is paused (\"paused\":true): the controller will not change it, and ImageRoll respects that.",
                wait ? "Unpause it (\"paused\":false) or use --trigger patch --ignore-paused to set the image anyway."
                     : "Unpause it (\"paused\":false), or pass --ignore-paused to set the image anyway.");
        }

        if (wait && !t.Matches.Any(m => m.FollowsTagMoves) && t.Matches.FirstOrDefault() is { } other)
        {
            // cache.go indexes only ImageStreamTag triggers: a tag move never reaches this workload. (With one
            // ImageStreamTag trigger on the tag the sync applies the others too, so waiting works then.)
            throw new ImageRollException(TriggerCodes.FromKindNotImageStreamTag, FailureKind.BadInput,
                $"{t.Workload}'s {other.Description} on {from.IstagName} is not an ImageStreamTag trigger: the controller applies it only when the workload itself changes (created, its triggers edited, a triggered image changed), never when the tag moves, so waiting for it would time out.",
                "Set \"from\":{\"kind\":\"ImageStreamTag\",\"name\":\"STREAM:TAG\"} (without apiVersion), or use --trigger patch: ImageRoll's patch is the value the controller would write, and the controller keeps it.");
        }
    }
}
