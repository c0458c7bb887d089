using ImageRoll.Kubernetes;
using ImageRoll.Kubernetes.Models;
using ImageRoll.OpenShift.ImageStreams;
using ImageRoll.OpenShift.Models;
using ImageRoll.OpenShift.Triggers;
using Microsoft.Extensions.Logging;

namespace ImageRoll.OpenShift.TriggerStep;

/// <summary>
/// <c>wait</c> mode: watch the workload until every container its triggers drive carries the resolved value. When
/// nothing happens within the grace period, look again and name the likely cause.
/// </summary>
internal sealed class TriggerWaiter(IKubeApi api, ILogger logger)
{
    public async Task<TriggerOutcome> WaitAsync(WorkloadTriggers target, StreamTagRef from, string value, TimeSpan grace, CancellationToken cancellationToken)
    {
        var w = target.Workload;
        var drivers = target.Matches.Where(m => !m.Paused).ToList();
        if (drivers.All(m => target.Template.Image(m.Selector) == value))
        {
            return Outcome(target.Template, w, value, TriggerAction.AlreadyCurrent, drivers);
        }

        logger.LogInformation("Waiting for the trigger controller to set {Value} on {Workload}.", value, w);
        KubeObject obj;
        try
        {
            obj = await ObjectWatch.UntilAsync<KubeObject>(api, w.Kind, w.Namespace!, w.Name,
                o => o is not null && drivers.All(m => WorkloadTemplate.From(o, w.Kind).Image(m.Selector) == value),
                grace,
                _ => new GraceExpiredException(),
                cancellationToken).ConfigureAwait(false);
        }
        catch (GraceExpiredException)
        {
            throw await DiagnoseAsync(w, from, value, grace, cancellationToken).ConfigureAwait(false);
        }

        return Outcome(WorkloadTemplate.From(obj, w.Kind), w, value, TriggerAction.ControllerUpdated, drivers);
    }

    private async Task<ImageRollException> DiagnoseAsync(WorkloadRef w, StreamTagRef from, string value, TimeSpan grace, CancellationToken cancellationToken)
    {
        WorkloadTriggers now;
        try
        {
            now = await new TriggerInspector(api).InspectAsync(w, from, cancellationToken).ConfigureAwait(false);
        }
        catch (KubeApiException ex) when (ex.IsNotFound)
        {
            return new ImageRollException(TriggerCodes.WaitNoTrigger, FailureKind.OperationFailed, $"{w} was deleted while waiting for its trigger.", "Re-create it and run again.");
        }

        if (now.Problems.Count > 0)
        {
            var p = now.Problems[0];
            return new ImageRollException(p.Code, FailureKind.BadInput, $"{w} did not get {value} within {grace}: {p.Message}", p.Hint);
        }

        if (now.Matches.Count == 0)
        {
            return new ImageRollException(TriggerCodes.WaitNoTrigger, FailureKind.BadInput,
                $"{w} did not get {value} within {grace}: it no longer has a trigger on {from.IstagName}.",
                $"Add one: oc set triggers {w} --from-image={from.IstagName} -c CONTAINER.");
        }

        if (now.Matches.Any(m => m.Paused))
        {
            return new ImageRollException(TriggerCodes.WaitTriggerPaused, FailureKind.BadInput,
                $"{w} did not get {value} within {grace}: its trigger on {from.IstagName} is paused.",
                "Unpause it, or use --trigger patch --ignore-paused.");
        }

        if (now.DeploymentConfigPaused)
        {
            return new ImageRollException(DeploymentConfigTriggerCodes.Paused, FailureKind.BadInput,
                $"{w} did not roll out within {grace}: it is paused.", $"oc rollout resume {w}.");
        }

        return new ImageRollException(TriggerCodes.WaitNoController, FailureKind.TimedOut,
            $"{w}'s trigger on {from.IstagName} is well-formed, but no trigger controller set {value} within {grace}.",
            "Is the cluster's openshift-controller-manager running (image trigger controller)? Use --trigger patch to make the change yourself, or raise --trigger-grace.");
    }

    internal static TriggerOutcome Outcome(WorkloadTemplate template, WorkloadRef w, string value, TriggerAction action, IEnumerable<TriggerMatch> matches) =>
        new(w, value, action, matches.Select(m => m.ContainerName).Distinct().ToList(), template.ResourceVersion,
            template.Json["metadata"]?["generation"]?.GetValue<long>(),
            w.Kind == ResourceKind.DeploymentConfigs ? template.Json["status"]?["latestVersion"]?.GetValue<long>() : null);

    private sealed class GraceExpiredException : Exception
    {
    }
}
