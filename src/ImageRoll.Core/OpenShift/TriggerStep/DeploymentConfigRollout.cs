using ImageRoll.Kubernetes;
using ImageRoll.Kubernetes.Models;
using ImageRoll.OpenShift.Models;
using ImageRoll.OpenShift.Triggers;
using Microsoft.Extensions.Logging;

namespace ImageRoll.OpenShift.TriggerStep;

/// <summary>
/// A DeploymentConfig in <c>patch</c> mode (and <c>--image</c>). ImageRoll makes the trigger reactor's change
/// (openshift-controller-manager pkg/image/trigger/deploymentconfigs/deploymentconfigs.go): the named containers'
/// images and the triggers' <c>lastTriggeredImage</c>, with a full update. Who then starts the new version:
/// <list type="bullet">
/// <item>the DC controller itself, when the DC has ANY ImageChange trigger (automatic or not) and a container image is
/// not among the latest RC's, or a ConfigChange trigger and the template changed (pkg/apps/deploymentconfig/
/// deploymentconfig_controller.go <c>triggerActivated</c>, <c>hasUpdatedImages</c>). Asking as well would start a
/// second version, or fail with 404 while the controller has bumped latestVersion but not made its RC yet;</item>
/// <item>otherwise ImageRoll, as <c>oc rollout latest</c> does (oc pkg/cli/rollout/latest.go): refused while the latest
/// version's RC is missing or not finished (<see cref="EnsureNotInProgressAsync"/>, checked before anything is written), then POST
/// instantiate with <c>{latest: true, force: true}</c>. A paused DC (with --ignore-paused) only gets its template:
/// instantiate refuses it, and it rolls out once resumed.</item>
/// </list>
/// </summary>
public sealed class DeploymentConfigRollout(IKubeApi api, ILogger logger)
{
    private const int ConflictRetries = 5;

    public async Task<TriggerOutcome> RollAsync(WorkloadTriggers target, string value, string? container, CancellationToken cancellationToken)
    {
        var w = target.Workload;
        var matches = target.Matches.Count > 0 ? target.Matches.ToList() : [ManualContainer(target, container)];
        for (var attempt = 1; ; attempt++)
        {
            var dc = await api.GetAsync<DeploymentConfig>(w.Kind, w.Namespace, w.Name, cancellationToken).ConfigureAwait(false);
            var template = WorkloadTemplate.From(dc, w.Kind);
            var changed = false;
            var containerChanged = false;
            foreach (var m in matches)
            {
                if (template.Image(m.Selector) != value)
                {
                    template.SetImage(m.Selector, value);
                    changed = true;
                    containerChanged |= !m.Selector.Init;
                }

                if (m.TriggerIndex is { } i && dc.Spec.Triggers[i].ImageChangeParams is { } p && p.LastTriggeredImage != value)
                {
                    p.LastTriggeredImage = value;
                    changed = true;
                }
            }

            var controllerRolls = changed && (dc.Spec.Triggers.Any(t => t.Type == DeploymentTriggerPolicy.ConfigChange)
                                              || (containerChanged && dc.Spec.Triggers.Any(t => t.Type == DeploymentTriggerPolicy.ImageChange)));
            var paused = dc.Spec.Paused == true;
            var needsInstantiate = !controllerRolls && !paused && (changed || !dc.Spec.Triggers.Any(t => t.Type is DeploymentTriggerPolicy.ImageChange or DeploymentTriggerPolicy.ConfigChange));
            if (!changed && !needsInstantiate)
            {
                return TriggerWaiter.Outcome(template, w, value, TriggerAction.AlreadyCurrent, matches);
            }

            if (needsInstantiate)
            {
                await EnsureNotInProgressAsync(w, dc, cancellationToken).ConfigureAwait(false);
            }

            try
            {
                if (changed)
                {
                    dc.Spec.Template = template.Json["spec"]!["template"]!.DeepClone().AsObject();
                    dc = await api.ReplaceAsync(w.Kind, w.Namespace, dc, new WriteOptions(FieldManager: "imageroll"), cancellationToken).ConfigureAwait(false);
                }
            }
            catch (KubeApiException ex) when (ex.IsConflict && attempt < ConflictRetries)
            {
                logger.LogDebug("Conflict updating {Workload}; retrying.", w);
                continue;
            }

            if (needsInstantiate)
            {
                dc = await InstantiateAsync(w, cancellationToken).ConfigureAwait(false);
                return TriggerWaiter.Outcome(WorkloadTemplate.From(dc, w.Kind), w, value, TriggerAction.Instantiated, matches);
            }

            if (paused)
            {
                logger.LogWarning("{Workload} is paused: its template carries {Value}, and it rolls out once resumed (oc rollout resume {Workload}).", w, value, w);
            }

            return TriggerWaiter.Outcome(WorkloadTemplate.From(dc, w.Kind), w, value, TriggerAction.Patched, matches);
        }
    }

    /// <summary>
    /// oc pkg/cli/rollout/latest.go: a new version is not requested while the latest one is still running ("#N is
    /// already in progress (Running)."); nor while its RC does not exist yet, which instantiate would answer with 404
    /// (openshift-apiserver instantiate/rest.go <c>decodeFromLatestDeployment</c> reads it first, even with force).
    /// </summary>
    internal async Task EnsureNotInProgressAsync(WorkloadRef w, DeploymentConfig dc, CancellationToken cancellationToken)
    {
        var version = dc.Status.LatestVersion;
        if (version <= 0)
        {
            return;
        }

        var rcName = $"{w.Name}-{version.ToString(System.Globalization.CultureInfo.InvariantCulture)}";
        var rc = await api.TryGetAsync<ReplicationController>(ResourceKind.ReplicationControllers, w.Namespace, rcName, cancellationToken).ConfigureAwait(false);
        var phase = rc?.Metadata.Annotation("openshift.io/deployment.phase");
        if (rc is not null && phase is "Complete" or "Failed")
        {
            return;
        }

        throw new ImageRollException(DeploymentConfigTriggerCodes.LatestInProgress, FailureKind.BadInput,
            rc is null
                ? $"{w}: version #{version} has no replication controller {rcName} yet (the DeploymentConfig controller is still making it), so a new rollout cannot be requested now; nothing was changed."
                : $"{w}: #{version} is already in progress ({phase ?? "New"}), so a new rollout cannot be requested now (oc rollout latest refuses too); nothing was changed.",
            $"Wait for it to finish (imageroll status {w} --watch, or oc rollout status {w}), or cancel it (oc rollout cancel {w}), then run ImageRoll again.");
    }

    /// <summary><c>oc rollout latest dc/NAME</c>: POST instantiate with <c>{kind, apiVersion, name, latest: true, force: true}</c>.</summary>
    public async Task<DeploymentConfig> InstantiateAsync(WorkloadRef w, CancellationToken cancellationToken)
    {
        logger.LogInformation("Instantiating a rollout of {Workload}.", w);
        return await api.PostSubresourceAsync<DeploymentConfig>(w.Kind, w.Namespace, w.Name, "instantiate",
            new DeploymentRequest { Name = w.Name }, cancellationToken).ConfigureAwait(false);
    }

    internal static TriggerMatch ManualContainer(WorkloadTriggers target, string? container)
    {
        var names = target.Template.ContainerNames(false);
        var name = container ?? (names.Count == 1 ? names[0] : null);
        if (name is null)
        {
            throw new ImageRollException(TriggerCodes.ContainerAmbiguous, FailureKind.BadInput,
                $"{target.Workload} has {(names.Count == 0 ? "no containers" : $"the containers {string.Join(", ", names)}")}; say which one gets the image.",
                "Pass --container NAME.");
        }

        if (!names.Contains(name))
        {
            throw new ImageRollException(TriggerCodes.ContainerNotFound, FailureKind.BadInput,
                $"{target.Workload} has no container '{name}'; its containers are {string.Join(", ", names)}.",
                "Pass --container with one of those names.");
        }

        return new TriggerMatch(new ContainerSelector(false, null, name), name, true, null, $"container {name}");
    }
}
