using System.Text.Json.Nodes;
using ImageRoll.ClusterSimulator.Controllers.Core;

namespace ImageRoll.ClusterSimulator.Controllers.Workloads;

/// <summary>
/// A Deployment's status and its Progressing/Available conditions, computed as kubernetes
/// pkg/controller/deployment/sync.go (calculateStatus) and progress.go (syncRolloutStatus) do, with the condition
/// words of pkg/controller/deployment/util/deployment_util.go.
/// </summary>
public static class DeploymentStatus
{
    public const string Progressing = "Progressing";
    public const string Available = "Available";
    public const string NewRSAvailableReason = "NewReplicaSetAvailable";
    public const string ReplicaSetUpdatedReason = "ReplicaSetUpdated";
    public const string NewReplicaSetReason = "NewReplicaSetCreated";
    public const string TimedOutReason = "ProgressDeadlineExceeded";
    public const string PausedReason = "DeploymentPaused";
    public const string ResumedReason = "DeploymentResumed";

    public static long Replicas(JsonObject d) => Obj.Int(d, 1, "spec", "replicas");

    public static bool HasProgressDeadline(JsonObject d) => Obj.Int(d, 600, "spec", "progressDeadlineSeconds") != int.MaxValue;

    public static bool IsRollingUpdate(JsonObject d) => Obj.Str(d, "spec", "strategy", "type") != "Recreate";

    /// <summary>deploymentutil.MaxUnavailable.</summary>
    public static long MaxUnavailable(JsonObject d)
    {
        var replicas = Replicas(d);
        if (!IsRollingUpdate(d) || replicas == 0)
        {
            return 0;
        }

        var (_, unavailable) = Fenceposts(d);
        return Math.Min(unavailable, replicas);
    }

    public static (long Surge, long Unavailable) Fenceposts(JsonObject d) =>
        IntOrPercent.Fenceposts(Obj.At(d, "spec", "strategy", "rollingUpdate", "maxSurge"),
            Obj.At(d, "spec", "strategy", "rollingUpdate", "maxUnavailable"), Replicas(d));

    /// <summary>calculateStatus: counts from the ReplicaSets' own status, Available condition.</summary>
    public static JsonObject Calculate(JsonObject d, IReadOnlyList<JsonObject> allRSs, JsonObject? newRS, DateTimeOffset now)
    {
        long Sum(IEnumerable<JsonObject> sets, string field) => sets.Sum(rs => Obj.Int(rs, 0, "status", field));
        var available = Sum(allRSs, "availableReplicas");
        var total = allRSs.Sum(rs => Obj.Int(rs, 0, "spec", "replicas"));
        var status = new JsonObject
        {
            ["observedGeneration"] = Obj.Generation(d),
            ["replicas"] = Sum(allRSs, "replicas"),
            ["updatedReplicas"] = newRS is null ? 0 : Obj.Int(newRS, 0, "status", "replicas"),
            ["readyReplicas"] = Sum(allRSs, "readyReplicas"),
            ["availableReplicas"] = available,
            ["unavailableReplicas"] = Math.Max(0, total - available),
        };
        if (Obj.At(d, "status", "collisionCount") is JsonValue collisions)
        {
            status["collisionCount"] = collisions.DeepClone();
        }

        status["conditions"] = Obj.At(d, "status", "conditions")?.DeepClone() ?? new JsonArray();
        if (available >= Replicas(d) - MaxUnavailable(d))
        {
            Conditions.Set(status, Conditions.Make(Available, "True", "MinimumReplicasAvailable", "Deployment has minimum availability.", now));
        }
        else
        {
            Conditions.Set(status, Conditions.Make(Available, "False", "MinimumReplicasUnavailable", "Deployment does not have minimum availability.", now));
        }

        return status;
    }

    /// <summary>
    /// syncRolloutStatus: the Progressing condition. Returns the status and, while the rollout is in progress
    /// under a deadline, how long until the deadline should be checked again.
    /// </summary>
    public static (JsonObject Status, TimeSpan? Recheck) WithProgress(JsonObject d, IReadOnlyList<JsonObject> allRSs, JsonObject? newRS, DateTimeOffset now)
    {
        var status = Calculate(d, allRSs, newRS, now);
        if (!HasProgressDeadline(d))
        {
            Conditions.Remove(status, Progressing);
        }

        var old = Obj.At(d, "status") as JsonObject ?? new JsonObject();
        var current = Conditions.Get(old, Progressing);
        var complete = Obj.Int(status, 0, "replicas") == Obj.Int(status, 0, "updatedReplicas")
                       && current is not null && Obj.Str(current, "reason") == NewRSAvailableReason;
        TimeSpan? recheck = null;
        if (HasProgressDeadline(d) && !complete)
        {
            var rsName = newRS is null ? null : Obj.Name(newRS);
            if (IsComplete(d, status))
            {
                var msg = rsName is null ? $"Deployment \"{Obj.Name(d)}\" has successfully progressed." : $"ReplicaSet \"{rsName}\" has successfully progressed.";
                Conditions.Set(status, Conditions.Make(Progressing, "True", NewRSAvailableReason, msg, now));
            }
            else if (IsProgressing(old, status))
            {
                var msg = rsName is null ? $"Deployment \"{Obj.Name(d)}\" is progressing." : $"ReplicaSet \"{rsName}\" is progressing.";
                var condition = Conditions.Make(Progressing, "True", ReplicaSetUpdatedReason, msg, now);
                // Progress refreshes lastUpdateTime even when the reason is unchanged (progress.go's special case).
                if (current is not null)
                {
                    if (Obj.Str(current, "status") == "True")
                    {
                        condition["lastTransitionTime"] = Obj.Str(current, "lastTransitionTime");
                    }

                    Conditions.Remove(status, Progressing);
                }

                Conditions.Set(status, condition);
            }
            else if (TimedOut(d, status, now, out var remaining))
            {
                var msg = rsName is null ? $"Deployment \"{Obj.Name(d)}\" has timed out progressing." : $"ReplicaSet \"{rsName}\" has timed out progressing.";
                Conditions.Set(status, Conditions.Make(Progressing, "False", TimedOutReason, msg, now));
            }
            else
            {
                recheck = remaining;
            }
        }

        // progress.go: failure conditions of the ReplicaSets (FailedCreate) surface as ReplicaFailure.
        var failure = allRSs.Select(rs => Conditions.Get(Obj.At(rs, "status") as JsonObject ?? new JsonObject(), "ReplicaFailure"))
            .FirstOrDefault(c => c is not null);
        if (failure is not null)
        {
            Conditions.Set(status, Conditions.Make("ReplicaFailure", Obj.Str(failure, "status") ?? "True",
                Obj.Str(failure, "reason"), Obj.Str(failure, "message") ?? "", now));
        }
        else
        {
            Conditions.Remove(status, "ReplicaFailure");
        }

        StatusFields.OmitZero(status, "replicas", "updatedReplicas", "readyReplicas", "availableReplicas", "unavailableReplicas");
        return (status, recheck);
    }

    /// <summary>deploymentutil.DeploymentComplete.</summary>
    public static bool IsComplete(JsonObject d, JsonObject status)
    {
        var replicas = Replicas(d);
        return Obj.Int(status, 0, "updatedReplicas") == replicas && Obj.Int(status, 0, "replicas") == replicas
               && Obj.Int(status, 0, "availableReplicas") == replicas && Obj.Int(status, 0, "observedGeneration") >= Obj.Generation(d);
    }

    /// <summary>deploymentutil.DeploymentProgressing: more updated, fewer old, more ready or more available pods.</summary>
    private static bool IsProgressing(JsonObject old, JsonObject status)
    {
        long I(JsonObject s, string f) => Obj.Int(s, 0, f);
        var oldOld = I(old, "replicas") - I(old, "updatedReplicas");
        var newOld = I(status, "replicas") - I(status, "updatedReplicas");
        return I(status, "updatedReplicas") > I(old, "updatedReplicas") || newOld < oldOld
               || I(status, "readyReplicas") > I(old, "readyReplicas") || I(status, "availableReplicas") > I(old, "availableReplicas");
    }

    /// <summary>deploymentutil.DeploymentTimedOut: lastUpdateTime of Progressing + deadline is past.</summary>
    private static bool TimedOut(JsonObject d, JsonObject status, DateTimeOffset now, out TimeSpan? remaining)
    {
        remaining = null;
        var condition = Conditions.Get(status, Progressing);
        if (condition is null || Obj.Str(condition, "reason") == NewRSAvailableReason)
        {
            return false;
        }

        if (Obj.Str(condition, "reason") == TimedOutReason)
        {
            return true;
        }

        var from = Obj.ParseTime(Obj.Str(condition, "lastUpdateTime")) ?? now;
        var deadline = from.AddSeconds(Obj.Int(d, 600, "spec", "progressDeadlineSeconds"));
        if (deadline < now)
        {
            return true;
        }

        remaining = deadline - now + TimeSpan.FromMilliseconds(50);
        return false;
    }
}
