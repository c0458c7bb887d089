using System.Globalization;
using System.Text.Json.Nodes;
using ImageRoll.ClusterSimulator.Controllers.Core;

namespace ImageRoll.ClusterSimulator.Controllers.Workloads;

/// <summary>Scaling steps of the Deployment controller (rolling.go, recreate.go, sync.go scale/cleanup).</summary>
public sealed partial class DeploymentController
{
    /// <summary>deploymentutil.NewRSNewReplicas for RollingUpdate.</summary>
    private static long RollingNewReplicas(JsonObject d, IReadOnlyList<JsonObject> all, long newReplicas)
    {
        var replicas = DeploymentStatus.Replicas(d);
        var surge = DeploymentStatus.Fenceposts(d).Surge;
        var current = all.Sum(rs => Obj.Int(rs, 0, "spec", "replicas")) + newReplicas;
        var maxTotal = replicas + surge;
        if (current >= maxTotal)
        {
            return newReplicas;
        }

        return newReplicas + Math.Min(maxTotal - current, replicas - newReplicas);
    }

    private bool ReconcileNewReplicaSet(JsonObject d, ref JsonObject newRS, List<JsonObject> olds)
    {
        var replicas = DeploymentStatus.Replicas(d);
        var current = Obj.Int(newRS, 0, "spec", "replicas");
        if (current == replicas)
        {
            return false;
        }

        var target = current > replicas ? replicas : RollingNewReplicas(d, olds, current);
        if (target == current)
        {
            return false;
        }

        newRS = Scale(d, newRS, target) ?? newRS;
        return true;
    }

    /// <summary>rolling.go reconcileOldReplicaSets: unhealthy old pods first, then down to minAvailable.</summary>
    private bool ReconcileOldReplicaSets(JsonObject d, JsonObject newRS, List<JsonObject> olds)
    {
        long Spec(JsonObject rs) => Obj.Int(rs, 0, "spec", "replicas");
        long Avail(JsonObject rs) => Obj.Int(rs, 0, "status", "availableReplicas");
        if (olds.Sum(Spec) == 0)
        {
            return false;
        }

        var replicas = DeploymentStatus.Replicas(d);
        var minAvailable = replicas - DeploymentStatus.MaxUnavailable(d);
        var allPods = olds.Sum(Spec) + Spec(newRS);
        var newUnavailable = Spec(newRS) - Avail(newRS);
        var maxScaledDown = allPods - minAvailable - newUnavailable;
        if (maxScaledDown <= 0)
        {
            return false;
        }

        var scaled = false;
        long cleaned = 0;
        for (var i = 0; i < olds.Count && cleaned < maxScaledDown; i++)
        {
            var unhealthy = Spec(olds[i]) - Avail(olds[i]);
            if (unhealthy <= 0)
            {
                continue;
            }

            var down = Math.Min(maxScaledDown - cleaned, unhealthy);
            olds[i] = Scale(d, olds[i], Spec(olds[i]) - down) ?? olds[i];
            cleaned += down;
            scaled = true;
        }

        var available = olds.Sum(Avail) + Avail(newRS);
        if (available > minAvailable)
        {
            var total = available - minAvailable;
            long done = 0;
            for (var i = 0; i < olds.Count && done < total; i++)
            {
                if (Spec(olds[i]) == 0)
                {
                    continue;
                }

                var down = Math.Min(Spec(olds[i]), total - done);
                olds[i] = Scale(d, olds[i], Spec(olds[i]) - down) ?? olds[i];
                done += down;
                scaled = true;
            }
        }

        return scaled;
    }

    /// <summary>recreate.go: every old pod gone before the new ReplicaSet is scaled up.</summary>
    private bool Recreate(JsonObject d, ref JsonObject? newRS, List<JsonObject> olds)
    {
        var scaled = false;
        for (var i = 0; i < olds.Count; i++)
        {
            if (Obj.Int(olds[i], 0, "spec", "replicas") > 0)
            {
                olds[i] = Scale(d, olds[i], 0) ?? olds[i];
                scaled = true;
            }
        }

        if (scaled || olds.Any(rs => Obj.Int(rs, 0, "status", "replicas") > 0))
        {
            return true;
        }

        if (newRS is null)
        {
            newRS = CreateNewReplicaSet(d, olds, time.GetUtcNow());
            return true;
        }

        var replicas = DeploymentStatus.Replicas(d);
        if (Obj.Int(newRS, 0, "spec", "replicas") != replicas)
        {
            newRS = Scale(d, newRS, replicas) ?? newRS;
            return true;
        }

        return false;
    }

    private JsonObject? Scale(JsonObject d, JsonObject rs, long replicas)
    {
        var from = Obj.Int(rs, 0, "spec", "replicas");
        var copy = Obj.Clone(rs);
        copy["spec"]!["replicas"] = replicas;
        var total = DeploymentStatus.Replicas(d);
        Obj.SetAnnotation(copy, "deployment.kubernetes.io/desired-replicas", total.ToString(CultureInfo.InvariantCulture));
        Obj.SetAnnotation(copy, "deployment.kubernetes.io/max-replicas",
            (total + DeploymentStatus.Fenceposts(d).Surge).ToString(CultureInfo.InvariantCulture));
        var updated = store.Update(copy);
        if (updated is not null && from != replicas)
        {
            var direction = replicas > from ? "up" : "down";
            events.Normal(d, Component, "ScalingReplicaSet", $"Scaled {direction} replica set {Obj.Name(rs)} from {from} to {replicas}");
        }

        return updated;
    }

    /// <summary>sync.go cleanupDeployment: old, scaled-down ReplicaSets beyond revisionHistoryLimit (default 10).</summary>
    private void CleanupOldReplicaSets(JsonObject d, List<JsonObject> olds)
    {
        var limit = Obj.Int(d, 10, "spec", "revisionHistoryLimit");
        var idle = olds.Where(rs => Obj.Int(rs, 0, "spec", "replicas") == 0 && Obj.Int(rs, 0, "status", "replicas") == 0)
            .OrderBy(Revision).ToList();
        foreach (var rs in idle.Take(Math.Max(0, idle.Count - (int)limit)))
        {
            store.Delete("apps/v1", "ReplicaSet", Obj.Namespace(rs), Obj.Name(rs));
        }
    }
}
