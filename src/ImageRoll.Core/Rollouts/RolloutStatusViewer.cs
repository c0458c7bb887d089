using System.Globalization;
using ImageRoll.Kubernetes.Models;
using ImageRoll.OpenShift.Models;

namespace ImageRoll.Rollouts;

/// <summary>
/// kubectl's and oc's rollout status checks as pure functions of one object, with their exact words.
/// Deployment, StatefulSet, DaemonSet: kubernetes/kubectl pkg/polymorphichelpers/rollout_status.go
/// (DeploymentStatusViewer, StatefulSetStatusViewer, DaemonSetStatusViewer). DeploymentConfig: openshift/oc
/// pkg/helpers/originpolymorphichelpers/deploymentconfigs/status.go (DeploymentConfigStatusViewer). The order of the
/// checks is theirs, so the first unmet condition decides the message exactly as it would for kubectl.
/// </summary>
public static class RolloutStatusViewer
{
    /// <summary>deploymentutil.TimedOutReason (kubernetes/kubectl pkg/util/deployment/deployment.go).</summary>
    public const string TimedOutReason = "ProgressDeadlineExceeded";

    /// <summary>appsutil.NewRcAvailableReason, CancelledRolloutReason, PausedConfigReason (openshift/library-go apps util).</summary>
    public const string NewRcAvailableReason = "NewReplicationControllerAvailable";
    public const string CancelledRolloutReason = "RolloutCancelled";
    public const string PausedConfigReason = "DeploymentConfigPaused";

    public const string UnsupportedStrategyReason = "UnsupportedStrategy";
    public const string ManualUpdateReason = "ManualUpdateRequired";

    private static readonly CultureInfo Inv = CultureInfo.InvariantCulture;

    public static RolloutVerdict Deployment(Deployment d)
    {
        var name = d.Metadata.Name;
        var s = d.Status;
        if ((d.Metadata.Generation ?? 0) <= s.ObservedGeneration)
        {
            var cond = Condition.Find(s.Conditions, "Progressing");
            if (cond is not null && cond.Reason == TimedOutReason)
            {
                return RolloutVerdict.Failed(TimedOutReason, F("deployment {0} exceeded its progress deadline", Q(name)));
            }

            if (d.Spec.Replicas is int replicas && s.UpdatedReplicas < replicas)
            {
                return RolloutVerdict.Waiting(F("Waiting for deployment {0} rollout to finish: {1} out of {2} new replicas have been updated...", Q(name), s.UpdatedReplicas, replicas));
            }

            if (s.Replicas > s.UpdatedReplicas)
            {
                return RolloutVerdict.Waiting(F("Waiting for deployment {0} rollout to finish: {1} old replicas are pending termination...", Q(name), s.Replicas - s.UpdatedReplicas));
            }

            if (s.AvailableReplicas < s.UpdatedReplicas)
            {
                return RolloutVerdict.Waiting(F("Waiting for deployment {0} rollout to finish: {1} of {2} updated replicas are available...", Q(name), s.AvailableReplicas, s.UpdatedReplicas));
            }

            return RolloutVerdict.Done(F("deployment {0} successfully rolled out", Q(name)));
        }

        return RolloutVerdict.Waiting("Waiting for deployment spec update to be observed...");
    }

    public static RolloutVerdict StatefulSet(StatefulSet sts)
    {
        var s = sts.Status;
        var strategy = sts.Spec.UpdateStrategy;

        // An absent type is defaulted to RollingUpdate by the API server; only an explicit OnDelete is refused.
        if (strategy.Type is not (null or "RollingUpdate"))
        {
            return RolloutVerdict.Failed(UnsupportedStrategyReason, "rollout status is only available for RollingUpdate strategy type");
        }

        if (s.ObservedGeneration == 0 || (sts.Metadata.Generation ?? 0) > s.ObservedGeneration)
        {
            return RolloutVerdict.Waiting("Waiting for statefulset spec update to be observed...");
        }

        if (sts.Spec.Replicas is int replicas && s.ReadyReplicas < replicas)
        {
            return RolloutVerdict.Waiting(F("Waiting for {0} pods to be ready...", replicas - s.ReadyReplicas));
        }

        // The server defaults rollingUpdate to {partition: 0}, so on a real cluster this branch is the usual one and
        // kubectl's success words are "partitioned roll out complete" even without a partition.
        if (strategy.RollingUpdate is not null)
        {
            if (sts.Spec.Replicas is int r && strategy.RollingUpdate.Partition is int partition && s.UpdatedReplicas < r - partition)
            {
                return RolloutVerdict.Waiting(F("Waiting for partitioned roll out to finish: {0} out of {1} new pods have been updated...", s.UpdatedReplicas, r - partition));
            }

            return RolloutVerdict.Done(F("partitioned roll out complete: {0} new pods have been updated...", s.UpdatedReplicas));
        }

        if (s.UpdateRevision != s.CurrentRevision)
        {
            return RolloutVerdict.Waiting(F("waiting for statefulset rolling update to complete {0} pods at revision {1}...", s.UpdatedReplicas, s.UpdateRevision));
        }

        return RolloutVerdict.Done(F("statefulset rolling update complete {0} pods at revision {1}...", s.CurrentReplicas, s.CurrentRevision));
    }

    public static RolloutVerdict DaemonSet(DaemonSet ds)
    {
        var name = ds.Metadata.Name;
        var s = ds.Status;
        if (ds.Spec.UpdateStrategy.Type is not (null or "RollingUpdate"))
        {
            // kubectl names the StatefulSet constant here; both spell "RollingUpdate".
            return RolloutVerdict.Failed(UnsupportedStrategyReason, "rollout status is only available for RollingUpdate strategy type");
        }

        if ((ds.Metadata.Generation ?? 0) <= s.ObservedGeneration)
        {
            if (s.UpdatedNumberScheduled < s.DesiredNumberScheduled)
            {
                return RolloutVerdict.Waiting(F("Waiting for daemon set {0} rollout to finish: {1} out of {2} new pods have been updated...", Q(name), s.UpdatedNumberScheduled, s.DesiredNumberScheduled));
            }

            if (s.NumberAvailable < s.DesiredNumberScheduled)
            {
                return RolloutVerdict.Waiting(F("Waiting for daemon set {0} rollout to finish: {1} of {2} updated pods are available...", Q(name), s.NumberAvailable, s.DesiredNumberScheduled));
            }

            return RolloutVerdict.Done(F("daemon set {0} successfully rolled out", Q(name)));
        }

        return RolloutVerdict.Waiting("Waiting for daemon set spec update to be observed...");
    }

    internal static RolloutVerdict DeploymentConfig(DeploymentConfig dc)
    {
        var name = dc.Metadata.Name;
        var s = dc.Status;
        if (s.LatestVersion == 0)
        {
            // appsutil.HasImageChangeTrigger: any ImageChange trigger, automatic or not.
            if (dc.Spec.Triggers.Any(t => t.Type == "ImageChange"))
            {
                return RolloutVerdict.Waiting(F("Deployment config {0} waiting on image update", Q(name)));
            }

            if (dc.Spec.Triggers.Count == 0)
            {
                return RolloutVerdict.Failed(ManualUpdateReason, F("Deployment config {0} waiting on manual update (use 'oc rollout latest {1}')", Q(name), name));
            }
        }

        // The counts are plain int32 upstream; the model keeps them nullable for write-back, absent means 0.
        var specReplicas = dc.Spec.Replicas ?? 0;
        var replicas = s.Replicas ?? 0;
        var updated = s.UpdatedReplicas ?? 0;
        var available = s.AvailableReplicas ?? 0;
        var cond = Condition.Find(s.Conditions, "Progressing");
        if ((dc.Metadata.Generation ?? 0) <= (s.ObservedGeneration ?? 0))
        {
            switch (cond?.Reason)
            {
                case NewRcAvailableReason:
                    return RolloutVerdict.Done(cond.Message ?? string.Empty);
                case TimedOutReason:
                    return RolloutVerdict.Failed(TimedOutReason, cond.Message ?? string.Empty);
                case CancelledRolloutReason:
                    return RolloutVerdict.Failed(CancelledRolloutReason, cond.Message ?? string.Empty);
                case PausedConfigReason:
                    return RolloutVerdict.Failed(PausedConfigReason, F("Deployment config {0} is paused. Resume to continue watching the status of the rollout.", Q(name)));
            }

            if (updated < specReplicas)
            {
                return RolloutVerdict.Waiting(F("Waiting for rollout to finish: {0} out of {1} new replicas have been updated...", updated, specReplicas));
            }

            if (replicas > updated)
            {
                return RolloutVerdict.Waiting(F("Waiting for rollout to finish: {0} old replicas are pending termination...", replicas - updated));
            }

            if (available < updated)
            {
                return RolloutVerdict.Waiting(F("Waiting for rollout to finish: {0} of {1} updated replicas are available...", available, updated));
            }
        }

        return RolloutVerdict.Waiting("Waiting for latest deployment config spec to be observed by the controller loop...");
    }

    /// <summary>Go's %q for a Kubernetes name (names never need escaping).</summary>
    private static string Q(string? name) => "\"" + name + "\"";

    private static string F(string format, params object?[] args) => string.Format(Inv, format, args);
}
