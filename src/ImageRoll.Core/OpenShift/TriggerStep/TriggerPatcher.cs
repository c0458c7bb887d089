using ImageRoll.Kubernetes;
using ImageRoll.Kubernetes.Models;
using ImageRoll.OpenShift.Triggers;
using Microsoft.Extensions.Logging;

namespace ImageRoll.OpenShift.TriggerStep;

/// <summary>
/// <c>patch</c> mode: the controller's change made by ImageRoll. Annotation triggers: one PATCH touching only the
/// triggered containers' images (nothing when they already carry the value, as the controller writes only on a
/// difference). DeploymentConfigs: see <see cref="DeploymentConfigRollout"/>.
/// </summary>
internal sealed class TriggerPatcher(IKubeApi api, ILogger logger)
{
    public async Task<TriggerOutcome> PatchAsync(WorkloadTriggers target, string value, TriggerOptions options, CancellationToken cancellationToken)
    {
        if (target.IsDeploymentConfig)
        {
            return await new DeploymentConfigRollout(api, logger).RollAsync(target, value, options.Container, cancellationToken).ConfigureAwait(false);
        }

        var w = target.Workload;
        var stale = target.Matches.Where(m => target.Template.Image(m.Selector) != value).ToList();
        if (stale.Count == 0)
        {
            return TriggerWaiter.Outcome(target.Template, w, value, TriggerAction.AlreadyCurrent, target.Matches);
        }

        var containers = stale.Select(m => (m.Selector, m.ContainerName)).ToList();
        var byIndex = stale.Any(m => m.Selector.Index is not null);
        var body = byIndex ? ImagePatches.JsonPatch(target.Template, containers, value) : ImagePatches.StrategicMerge(target.Template, containers, value);
        logger.LogDebug("PATCH {Workload} ({Type}): {Body}", w, byIndex ? "json" : "strategic", body);
        var patched = await api.PatchAsync<KubeObject>(w.Kind, w.Namespace, w.Name, byIndex ? PatchType.Json : PatchType.StrategicMerge, body,
            new WriteOptions(FieldManager: "imageroll"), cancellationToken).ConfigureAwait(false);
        return TriggerWaiter.Outcome(WorkloadTemplate.From(patched, w.Kind), w, value, TriggerAction.Patched, stale);
    }
}
