using System.Globalization;
using System.Text.Json.Nodes;
using ImageRoll.ClusterSimulator.Controllers.Core;
using D = ImageRoll.ClusterSimulator.Tables.ColumnDescriptions;

namespace ImageRoll.ClusterSimulator.Tables;

/// <summary>
/// Pods as kubernetes pkg/printers/internalversion/printers.go <c>printPod</c> prints them: READY as ready/total
/// containers, STATUS from the phase, then init containers (<c>Init:ErrImagePull</c>, <c>Init:0/1</c>), then the
/// containers' waiting or terminated reasons (<c>ContainerCreating</c>, <c>ErrImagePull</c>, <c>ImagePullBackOff</c>,
/// <c>CrashLoopBackOff</c>, <c>Completed</c>, <c>Error</c>), <c>Terminating</c> while being deleted; RESTARTS with the
/// time of the last restart.
/// </summary>
internal static class PodPrinter
{
    private static readonly JsonArray SucceededCondition = Completed("Succeeded", "The pod has completed successfully.");
    private static readonly JsonArray FailedCondition = Completed("Failed", "The pod failed.");

    public static TablePrinter Printer { get; } = new(
    [
        TableColumn.NameColumn,
        new("Ready", "string", "The aggregate readiness state of this pod for accepting traffic."),
        new("Status", "string", "The aggregate status of the containers in this pod."),
        new("Restarts", "string", "The number of times the containers in this pod have been restarted and when the last container in this pod has restarted."),
        TableColumn.Age,
        TableColumn.Wide("IP", D.PodIP),
        TableColumn.Wide("Node", D.NodeName),
        TableColumn.Wide("Nominated Node", D.NominatedNodeName),
        TableColumn.Wide("Readiness Gates", D.ReadinessGates),
    ], PodCells)
    {
        Conditions = pod => Cells.Str(pod, "status", "phase") switch
        {
            "Succeeded" => (JsonArray)SucceededCondition.DeepClone(),
            "Failed" => (JsonArray)FailedCondition.DeepClone(),
            _ => null,
        },
    };

    private static JsonArray PodCells(JsonObject pod, DateTimeOffset now)
    {
        var spec = Obj.At(pod, "spec");
        var status = Obj.At(pod, "status");
        var phase = Cells.Str(status, "phase");
        var reason = Obj.Str(status, "reason") is { Length: > 0 } r ? r : phase;
        if (Obj.Objects(status, "conditions").Any(c => Obj.Str(c, "type") == "PodScheduled" && Obj.Str(c, "reason") == "SchedulingGated"))
        {
            reason = "SchedulingGated";
        }

        var initSpecs = Obj.Objects(spec, "initContainers").ToList();
        var restartable = initSpecs.Where(c => Obj.Str(c, "restartPolicy") == "Always").Select(c => Obj.Str(c, "name")).ToHashSet();
        var total = Obj.Objects(spec, "containers").Count() + restartable.Count;
        var ready = 0;
        var restarts = 0L;
        var restartableRestarts = 0L;
        DateTimeOffset? lastRestart = null;
        DateTimeOffset? lastRestartableRestart = null;

        var initializing = false;
        var initStatuses = Obj.Objects(status, "initContainerStatuses").ToList();
        for (var i = 0; i < initStatuses.Count; i++)
        {
            var c = initStatuses[i];
            var isRestartable = restartable.Contains(Obj.Str(c, "name"));
            restarts += Obj.Int(c, 0, "restartCount");
            lastRestart = Later(lastRestart, Obj.ParseTime(Obj.Str(c, "lastState", "terminated", "finishedAt")));
            if (isRestartable)
            {
                restartableRestarts += Obj.Int(c, 0, "restartCount");
                lastRestartableRestart = Later(lastRestartableRestart, Obj.ParseTime(Obj.Str(c, "lastState", "terminated", "finishedAt")));
            }

            var terminated = Obj.At(c, "state", "terminated");
            var waitingReason = Obj.Str(c, "state", "waiting", "reason");
            if (terminated is not null && Obj.Int(terminated, 0, "exitCode") == 0)
            {
                continue;
            }

            if (isRestartable && Obj.Bool(c, "started"))
            {
                ready += Obj.Bool(c, "ready") ? 1 : 0;
                continue;
            }

            if (terminated is not null)
            {
                reason = Obj.Str(terminated, "reason") is { Length: > 0 } tr ? "Init:" + tr : TerminatedWithoutReason(terminated, "Init:");
            }
            else if (waitingReason is { Length: > 0 } && waitingReason != "PodInitializing")
            {
                reason = "Init:" + waitingReason;
            }
            else
            {
                reason = string.Create(CultureInfo.InvariantCulture, $"Init:{i}/{initSpecs.Count}");
            }

            initializing = true;
            break;
        }

        if (!initializing || Obj.Objects(status, "conditions").FirstOrDefault(c => Obj.Str(c, "type") == "Initialized") is { } init && Obj.Str(init, "status") == "True")
        {
            restarts = restartableRestarts;
            lastRestart = lastRestartableRestart;
            var hasRunning = false;
            var statuses = Obj.Objects(status, "containerStatuses").ToList();
            for (var i = statuses.Count - 1; i >= 0; i--)
            {
                var c = statuses[i];
                restarts += Obj.Int(c, 0, "restartCount");
                lastRestart = Later(lastRestart, Obj.ParseTime(Obj.Str(c, "lastState", "terminated", "finishedAt")));
                var terminated = Obj.At(c, "state", "terminated");
                if (Obj.Str(c, "state", "waiting", "reason") is { Length: > 0 } waiting)
                {
                    reason = waiting;
                }
                else if (terminated is not null)
                {
                    reason = Obj.Str(terminated, "reason") is { Length: > 0 } tr ? tr : TerminatedWithoutReason(terminated, "");
                }
                else if (Obj.Bool(c, "ready") && Obj.At(c, "state", "running") is not null)
                {
                    hasRunning = true;
                    ready++;
                }
            }

            if (reason == "Completed" && hasRunning)
            {
                // hasPodReadyCondition: the Ready condition alone (a terminating pod may still be Ready).
                var readyCondition = Obj.Objects(status, "conditions").Any(c => Obj.Str(c, "type") == "Ready" && Obj.Str(c, "status") == "True");
                reason = readyCondition ? "Running" : "NotReady";
            }
        }

        if (Obj.IsDeleting(pod) && Obj.Str(status, "reason") == "NodeLost")
        {
            reason = "Unknown";
        }
        else if (Obj.IsDeleting(pod) && phase is not ("Succeeded" or "Failed"))
        {
            reason = "Terminating";
        }

        var restartsText = restarts.ToString(CultureInfo.InvariantCulture);
        if (restarts != 0 && lastRestart is { } last)
        {
            restartsText = $"{restartsText} ({HumanDuration.Short(now - last)} ago)";
        }

        return Cells.Row(Obj.Name(pod), Cells.Ratio(ready, total), reason, restartsText, Cells.Age(pod, now),
            Obj.Objects(status, "podIPs").Select(ip => Obj.Str(ip, "ip")).FirstOrDefault(ip => ip is { Length: > 0 }) ?? "<none>",
            Obj.Str(spec, "nodeName") is { Length: > 0 } node ? node : "<none>",
            Obj.Str(status, "nominatedNodeName") is { Length: > 0 } nominated ? nominated : "<none>",
            ReadinessGates(spec, status));
    }

    private static string TerminatedWithoutReason(JsonNode terminated, string prefix) =>
        Obj.Int(terminated, 0, "signal") is var signal && signal != 0
            ? string.Create(CultureInfo.InvariantCulture, $"{prefix}Signal:{signal}")
            : string.Create(CultureInfo.InvariantCulture, $"{prefix}ExitCode:{Obj.Int(terminated, 0, "exitCode")}");

    private static string ReadinessGates(JsonNode? spec, JsonNode? status)
    {
        var gates = Obj.Objects(spec, "readinessGates").Select(g => Obj.Str(g, "conditionType")).ToList();
        if (gates.Count == 0)
        {
            return "<none>";
        }

        var conditions = Obj.Objects(status, "conditions").ToList();
        var trueCount = gates.Count(g => conditions.FirstOrDefault(c => Obj.Str(c, "type") == g) is { } c && Obj.Str(c, "status") == "True");
        return Cells.Ratio(trueCount, gates.Count);
    }

    private static DateTimeOffset? Later(DateTimeOffset? a, DateTimeOffset? b) => a is null ? b : b is null ? a : a > b ? a : b;

    private static JsonArray Completed(string reason, string message) =>
        [new JsonObject { ["type"] = "Completed", ["status"] = "True", ["reason"] = reason, ["message"] = message }];
}
