using ImageRoll.Kubernetes;
using ImageRoll.Kubernetes.Models;
using ImageRoll.OpenShift.ImageStreams;
using ImageRoll.OpenShift.Triggers;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;

namespace ImageRoll.OpenShift.TriggerStep;

/// <summary>
/// Plain Kubernetes (no image streams): <c>imageroll rollout WORKLOAD --image REG/REPO@sha256:D [--container NAME]</c>
/// sets one container's image with a strategic merge patch keyed by the container's name (the only container when
/// none is named; several and none named is an error listing them). A DeploymentConfig gets its image set and a rollout instantiated.
/// </summary>
public sealed class DirectImageRollout(IKubeApi api, ILogger? logger = null)
{
    private readonly ILogger _logger = logger ?? NullLogger.Instance;

    public async Task<TriggerOutcome> RollAsync(WorkloadRef workload, DigestPullSpec image, string? container, CancellationToken cancellationToken)
    {
        var w = workload with { Namespace = workload.Namespace ?? api.DefaultNamespace };
        var obj = await api.GetAsync<KubeObject>(w.Kind, w.Namespace, w.Name, cancellationToken).ConfigureAwait(false);
        var template = WorkloadTemplate.From(obj, w.Kind);
        var target = new WorkloadTriggers(w, template, [], []);
        var match = DeploymentConfigRollout.ManualContainer(target, container);
        if (w.Kind == ResourceKind.DeploymentConfigs)
        {
            return await new DeploymentConfigRollout(api, _logger).RollAsync(target with { Matches = [] }, image.Value, match.ContainerName, cancellationToken).ConfigureAwait(false);
        }

        if (template.Image(match.Selector) == image.Value)
        {
            return TriggerWaiter.Outcome(template, w, image.Value, TriggerAction.AlreadyCurrent, [match]);
        }

        var body = ImagePatches.StrategicMerge(template, [(match.Selector, match.ContainerName)], image.Value);
        var patched = await api.PatchAsync<KubeObject>(w.Kind, w.Namespace, w.Name, PatchType.StrategicMerge, body,
            new WriteOptions(FieldManager: "imageroll"), cancellationToken).ConfigureAwait(false);
        return TriggerWaiter.Outcome(WorkloadTemplate.From(patched, w.Kind), w, image.Value, TriggerAction.Patched, [match]);
    }
}
