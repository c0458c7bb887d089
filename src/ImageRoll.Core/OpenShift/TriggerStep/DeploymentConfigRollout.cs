using ImageRoll.Kubernetes;
using ImageRoll.OpenShift.Models;
using ImageRoll.OpenShift.Triggers;
using Microsoft.Extensions.Logging;

namespace ImageRoll.OpenShift.TriggerStep;

/// <summary>
/// A DeploymentConfig in <c>patch</c> mode. With automatic ImageChange triggers: what the trigger reactor does
/// (openshift-controller-manager pkg/image/trigger/deploymentconfigs/deploymentconfigs.go): set
/// <c>lastTriggeredImage</c> and the named containers' images with a full update; the DC controller then rolls out.
/// Without: set the image, then ask for a rollout as <c>oc rollout latest</c> does (POST instantiate with a
/// DeploymentRequest) unless a ConfigChange trigger already rolls out on the template change (asking as well would
/// start a second rollout).
/// </summary>
public sealed class DeploymentConfigRollout(IKubeApi api, ILogger logger)
{
    private const int ConflictRetries = 5;

    public async Task<TriggerOutcome> RollAsync(WorkloadTriggers target, string value, string? container, CancellationToken cancellationToken)
    {
        var w = target.Workload;
        var automatic = target.Matches.Where(m => !m.Paused).ToList();
        var matches = target.Matches.Count > 0 ? target.Matches.ToList() : [ManualContainer(target, container)];
        for (var attempt = 1; ; attempt++)
        {
            var dc = await api.GetAsync<DeploymentConfig>(w.Kind, w.Namespace, w.Name, cancellationToken).ConfigureAwait(false);
            var template = WorkloadTemplate.From(dc, w.Kind);
            var changed = false;
            foreach (var m in matches)
            {
                if (template.Image(m.Selector) != value)
                {
                    template.SetImage(m.Selector, value);
                    changed = true;
                }

                if (m.TriggerIndex is { } i && dc.Spec.Triggers[i].ImageChangeParams is { } p && p.LastTriggeredImage != value)
                {
                    p.LastTriggeredImage = value;
                    changed = true;
                }
            }

            var needsInstantiate = automatic.Count == 0 && !dc.Spec.Triggers.Any(t => t.Type == DeploymentTriggerPolicy.ConfigChange);
            if (!changed && !needsInstantiate)
            {
                return TriggerWaiter.Outcome(template, w, value, TriggerAction.AlreadyCurrent, matches);
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

            return TriggerWaiter.Outcome(WorkloadTemplate.From(dc, w.Kind), w, value, TriggerAction.Patched, matches);
        }
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
