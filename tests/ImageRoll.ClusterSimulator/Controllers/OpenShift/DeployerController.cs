using System.Globalization;
using System.Text.Json.Nodes;
using ImageRoll.ClusterSimulator.Controllers.Core;
using N = ImageRoll.ClusterSimulator.Controllers.OpenShift.DeploymentConfigNames;

namespace ImageRoll.ClusterSimulator.Controllers.OpenShift;

/// <summary>
/// The deployer: openshift-controller-manager's deployer controller (pkg/apps/deployer/deployer_controller.go) moves
/// an RC New -> Pending -> Running -> Complete|Failed following its deployer pod; here the deployer pod's work (the
/// Rolling or Recreate strategy of openshift/oc pkg/cli/deployer/strategy) runs in-process, and the RC carries the
/// annotations a real one does (<c>openshift.io/deployer-pod.name</c> = <c>&lt;rc&gt;-deploy</c>). A rollout whose
/// pods are not available within the strategy's timeoutSeconds (default 600) fails. A cancelled RC (the DC controller
/// marks in-flight versions <c>openshift.io/deployment.cancelled=true</c> when a newer latestVersion appears) goes
/// to Failed (deployer_controller.go handle: the deployer pod is deleted, the phase becomes Failed).
/// </summary>
public sealed class DeployerController(IControllerStore store, EventRecorder events, TimeProvider time, ControllerTimings timings)
    : IReconciler
{
    public string Name => "deployer";

    public TimeSpan? Reconcile(CancellationToken cancellationToken)
    {
        TimeSpan? wake = null;
        var rcs = store.List("v1", "ReplicationController").Where(rc => Obj.Annotation(rc, N.ConfigName) is not null).ToList();
        foreach (var rc in rcs)
        {
            cancellationToken.ThrowIfCancellationRequested();
            var phase = N.PhaseOf(rc);
            if (phase is "Complete" or "Failed")
            {
                continue;
            }

            wake = timings.DeployerPeriod;
            if (N.IsCancelled(rc))
            {
                SetPhase(rc, "Failed");
                events.Normal(rc, "deployer-controller", "RolloutCancelled", $"Rollout for \"{Obj.Namespace(rc)}/{Obj.Name(rc)}\" cancelled");
                continue;
            }

            switch (phase)
            {
                case "New":
                    Obj.SetAnnotation(rc, N.DeployerPod, Obj.Name(rc) + "-deploy");
                    SetPhase(rc, "Pending");
                    break;
                case "Pending":
                    SetPhase(rc, "Running");
                    break;
                default:
                    Run(rc, rcs);
                    break;
            }
        }

        return wake;
    }

    private void SetPhase(JsonObject rc, string phase)
    {
        Obj.SetAnnotation(rc, N.Phase, phase);
        store.Update(rc);
    }

    private void Run(JsonObject rc, List<JsonObject> all)
    {
        var dcName = Obj.Annotation(rc, N.ConfigName)!;
        var dc = store.Get("apps.openshift.io/v1", "DeploymentConfig", Obj.Namespace(rc), dcName)
                 ?? (JsonNode.Parse(Obj.Annotation(rc, N.EncodedConfig) ?? "{}") as JsonObject ?? new JsonObject());
        var desired = long.TryParse(Obj.Annotation(rc, N.DesiredReplicas), NumberStyles.Integer, CultureInfo.InvariantCulture, out var d)
            ? d : Obj.Int(dc, 1, "spec", "replicas");
        var olds = OldDeployments(rc, all, dcName);

        var newSpec = Obj.Int(rc, 0, "spec", "replicas");
        var newAvailable = Obj.Int(rc, 0, "status", "availableReplicas");
        if (newSpec == desired && newAvailable >= desired && olds.Count == 0)
        {
            // The deployer pod succeeded: record the replica count and drop the target annotation (nextStatus).
            Obj.SetAnnotation(rc, N.Replicas, desired.ToString(CultureInfo.InvariantCulture));
            Obj.SetAnnotation(rc, N.DesiredReplicas, null);
            SetPhase(rc, "Complete");
            return;
        }

        var started = Obj.ParseTime(Obj.Str(rc, "metadata", "creationTimestamp")) ?? time.GetUtcNow();
        if (time.GetUtcNow() - started > TimeSpan.FromSeconds(N.TimeoutSeconds(dc)))
        {
            // The strategy gave up ("pods for rc ... took longer than N seconds to become available"): the deployer
            // pod fails and the RC with it; the DC controller then scales the last complete RC back up.
            SetPhase(rc, "Failed");
            return;
        }

        if (N.IsRolling(dc))
        {
            RollingStep(dc, rc, olds, desired);
        }
        else
        {
            RecreateStep(rc, olds, desired);
        }
    }

    /// <summary>
    /// openshift/oc pkg/cli/deployer/deployer.go Deploy: the strategy runs from the last COMPLETE deployment (newest
    /// first, ByLatestVersionDesc) to the new one; every other deployment that still has replicas (a failed or
    /// cancelled version that was still rolling out when a newer one superseded it) is scaled to 0 first ("Scaled
    /// older deployment ... down"). Without this a rollback (version N+1 with the template of N-1 while N was still
    /// running) would count N's unavailable pods against maxSurge and never start.
    /// </summary>
    private List<JsonObject> OldDeployments(JsonObject rc, List<JsonObject> all, string dcName)
    {
        var others = all.Where(o => Obj.Annotation(o, N.ConfigName) == dcName && Obj.Namespace(o) == Obj.Namespace(rc) && Obj.Name(o) != Obj.Name(rc))
            .OrderByDescending(N.VersionOf).ToList();
        var from = others.FirstOrDefault(o => N.PhaseOf(o) == "Complete");
        foreach (var other in others.Where(o => o != from && Obj.Int(o, 0, "spec", "replicas") > 0))
        {
            Scale(other, 0);
        }

        return from is not null && Obj.Int(from, 0, "spec", "replicas") > 0 ? [from] : [];
    }

    /// <summary>The rolling updater: surge the new RC, shrink old ones while minimum availability holds.</summary>
    private void RollingStep(JsonObject dc, JsonObject rc, List<JsonObject> olds, long desired)
    {
        var (surge, unavailable) = IntOrPercent.Fenceposts(Obj.At(dc, "spec", "strategy", "rollingParams", "maxSurge"),
            Obj.At(dc, "spec", "strategy", "rollingParams", "maxUnavailable"), desired);
        long Spec(JsonObject o) => Obj.Int(o, 0, "spec", "replicas");
        long Avail(JsonObject o) => Obj.Int(o, 0, "status", "availableReplicas");
        var newSpec = Spec(rc);
        var total = newSpec + olds.Sum(Spec);
        if (newSpec < desired && total < desired + surge)
        {
            Scale(rc, Math.Min(desired, newSpec + (desired + surge - total)));
            return;
        }

        var minAvailable = desired - Math.Min(unavailable, desired);
        var available = Avail(rc) + olds.Sum(Avail);
        var canRemove = available - minAvailable;
        foreach (var old in olds)
        {
            if (canRemove <= 0)
            {
                break;
            }

            var down = Math.Min(Spec(old), canRemove);
            Scale(old, Spec(old) - down);
            canRemove -= down;
        }
    }

    private void RecreateStep(JsonObject rc, List<JsonObject> olds, long desired)
    {
        foreach (var old in olds)
        {
            Scale(old, 0);
        }

        var oldPods = store.List("v1", "ReplicationController", Obj.Namespace(rc))
            .Where(o => Obj.Annotation(o, N.ConfigName) == Obj.Annotation(rc, N.ConfigName) && Obj.Name(o) != Obj.Name(rc))
            .Sum(o => Obj.Int(o, 0, "status", "replicas"));
        if (olds.Count == 0 && oldPods == 0 && Obj.Int(rc, 0, "spec", "replicas") != desired)
        {
            Scale(rc, desired);
        }
    }

    private void Scale(JsonObject rc, long replicas)
    {
        if (store.Get("v1", "ReplicationController", Obj.Namespace(rc), Obj.Name(rc)) is { } fresh
            && Obj.Int(fresh, 0, "spec", "replicas") != replicas)
        {
            fresh["spec"]!["replicas"] = replicas;
            store.Update(fresh);
        }
    }
}
