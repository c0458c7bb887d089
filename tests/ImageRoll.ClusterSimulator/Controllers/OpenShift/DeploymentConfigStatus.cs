using System.Text.Json.Nodes;
using ImageRoll.ClusterSimulator.Controllers.Core;
using N = ImageRoll.ClusterSimulator.Controllers.OpenShift.DeploymentConfigNames;

namespace ImageRoll.ClusterSimulator.Controllers.OpenShift;

/// <summary>
/// calculateStatus and updateConditions of openshift-controller-manager's DeploymentConfig controller: counts over
/// the RCs, Available with minimum availability, Progressing from the latest RC's phase, with its words.
/// </summary>
public static class DeploymentConfigStatus
{
    public static void Write(IControllerStore store, JsonObject dc, IReadOnlyList<JsonObject> rcs, bool updateObservedGeneration,
        DateTimeOffset now, params JsonObject[] additional)
    {
        var old = Obj.At(dc, "status") as JsonObject ?? new JsonObject();
        var version = Obj.Int(dc, 0, "status", "latestVersion");
        var latest = rcs.FirstOrDefault(rc => Obj.Name(rc) == N.RcName(dc, version));
        long Sum(string field) => rcs.Sum(rc => Obj.Int(rc, 0, "status", field));
        var available = Sum("availableReplicas");
        var total = rcs.Sum(rc => Obj.Int(rc, 0, "spec", "replicas"));
        var status = new JsonObject
        {
            ["latestVersion"] = version,
            ["observedGeneration"] = updateObservedGeneration ? Obj.Generation(dc) : Obj.Int(old, 0, "observedGeneration"),
            ["replicas"] = Sum("replicas"),
            ["updatedReplicas"] = latest is null ? 0 : Obj.Int(latest, 0, "status", "replicas"),
            ["availableReplicas"] = available,
            ["unavailableReplicas"] = Math.Max(0, total - available),
            ["readyReplicas"] = Sum("readyReplicas"),
            ["conditions"] = old["conditions"]?.DeepClone() ?? new JsonArray(),
        };
        if (old["details"] is JsonNode details)
        {
            status["details"] = details.DeepClone();
        }

        var replicas = Obj.Int(dc, 1, "spec", "replicas");
        Conditions.Set(status, available >= replicas - N.MaxUnavailable(dc) && available > 0
            ? Conditions.Make("Available", "True", null, "Deployment config has minimum availability.", now)
            : Conditions.Make("Available", "False", null, "Deployment config does not have minimum availability.", now));
        if (latest is not null)
        {
            ProgressCondition(old, status, latest, now);
        }

        foreach (var c in additional)
        {
            Conditions.Set(status, c);
        }

        if (StatusFields.Differs(old, status))
        {
            dc["status"] = status;
            store.UpdateStatus(dc);
        }
    }

    private static void ProgressCondition(JsonObject old, JsonObject status, JsonObject latest, DateTimeOffset now)
    {
        var name = Obj.Name(latest);
        switch (N.PhaseOf(latest))
        {
            case "Pending":
                Conditions.Set(status, Conditions.Make("Progressing", "Unknown", null,
                    $"replication controller \"{name}\" is waiting for pod \"{name}-deploy\" to run", now));
                break;
            case "Running":
                long I(JsonObject s, string f) => Obj.Int(s, 0, f);
                if (I(status, "updatedReplicas") > I(old, "updatedReplicas")
                    || I(status, "replicas") - I(status, "updatedReplicas") < I(old, "replicas") - I(old, "updatedReplicas"))
                {
                    Conditions.Remove(status, "Progressing");
                    Conditions.Set(status, Conditions.Make("Progressing", "True", "ReplicationControllerUpdated",
                        $"replication controller \"{name}\" is progressing", now));
                }

                break;
            case "Failed":
                Conditions.Set(status, N.IsCancelled(latest)
                    ? Conditions.Make("Progressing", "False", "RolloutCancelled", $"rollout of replication controller \"{name}\" was cancelled", now)
                    : Conditions.Make("Progressing", "False", "ProgressDeadlineExceeded", $"replication controller \"{name}\" has failed progressing", now));
                break;
            case "Complete":
                Conditions.Set(status, Conditions.Make("Progressing", "True", "NewReplicationControllerAvailable",
                    $"replication controller \"{name}\" successfully rolled out", now));
                break;
        }
    }
}
