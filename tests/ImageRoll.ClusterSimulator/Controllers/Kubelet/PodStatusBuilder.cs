using System.Text.Json.Nodes;
using ImageRoll.ClusterSimulator.Controllers.Core;

namespace ImageRoll.ClusterSimulator.Controllers.Kubelet;

/// <summary>
/// A pod's status as the kubelet writes it (pkg/kubelet/kubelet_pods.go generateAPIPodStatus, pkg/kubelet/status):
/// phase, the five pod conditions, containerStatuses with state/lastState/ready/started/restartCount/imageID.
/// Transition times are kept while a condition's status is unchanged.
/// </summary>
public static class PodStatusBuilder
{
    public static JsonObject Build(JsonObject pod, IReadOnlyDictionary<string, ContainerState> states, DateTimeOffset now)
    {
        var previous = Obj.At(pod, "status") as JsonObject ?? new JsonObject();
        var statuses = new JsonArray();
        var unready = new List<string>();
        var allStartedOnce = true;
        foreach (var c in Obj.Objects(pod, "spec", "containers"))
        {
            var name = Obj.Str(c, "name") ?? "";
            states.TryGetValue(name, out var s);
            var ready = s is { Phase: ContainerPhase.Running } && s.ReadyAt <= now && !string.Equals(
                Obj.Annotation(pod, KubeletController.ReadinessAnnotation), "fail", StringComparison.OrdinalIgnoreCase);
            if (!ready)
            {
                unready.Add(name);
            }

            if (s is null || (s.Phase != ContainerPhase.Running && s.LastExit is null))
            {
                allStartedOnce = false;
            }

            statuses.Add(ContainerStatus(name, Obj.Str(c, "image") ?? "", s, ready));
        }

        var allReady = unready.Count == 0;
        var unreadyMessage = $"containers with unready status: [{string.Join(' ', unready)}]";
        var status = new JsonObject
        {
            ["phase"] = allStartedOnce ? "Running" : "Pending",
            ["conditions"] = new JsonArray(
                Condition(previous, "PodReadyToStartContainers", "True", null, null, now),
                Condition(previous, "Initialized", "True", null, null, now),
                Condition(previous, "Ready", allReady ? "True" : "False", allReady ? null : "ContainersNotReady", allReady ? null : unreadyMessage, now),
                Condition(previous, "ContainersReady", allReady ? "True" : "False", allReady ? null : "ContainersNotReady", allReady ? null : unreadyMessage, now),
                Condition(previous, "PodScheduled", "True", null, null, now)),
            ["hostIP"] = HostIp(pod),
            ["hostIPs"] = new JsonArray(new JsonObject { ["ip"] = HostIp(pod) }),
            ["podIP"] = PodIp(pod),
            ["podIPs"] = new JsonArray(new JsonObject { ["ip"] = PodIp(pod) }),
            ["startTime"] = Obj.Str(previous, "startTime") ?? Obj.Time(now),
            ["containerStatuses"] = statuses,
            ["qosClass"] = Obj.Str(previous, "qosClass") ?? "BestEffort",
        };
        return status;
    }

    private static JsonObject ContainerStatus(string name, string image, ContainerState? s, bool ready)
    {
        var state = new JsonObject();
        if (s?.Phase == ContainerPhase.Running)
        {
            state["running"] = new JsonObject { ["startedAt"] = Obj.Time(s.StartedAt!.Value) };
        }
        else if (s?.WaitingReason is { } reason)
        {
            // Also while a pull is retried: the last failure's reason stays (ContainerState.WaitingReason).
            state["waiting"] = new JsonObject { ["reason"] = reason, ["message"] = s.WaitingMessage };
        }
        else
        {
            state["waiting"] = new JsonObject { ["reason"] = "ContainerCreating" };
        }

        var lastState = new JsonObject();
        if (s?.LastExit is { } exit)
        {
            lastState["terminated"] = new JsonObject
            {
                ["exitCode"] = 1,
                ["reason"] = "Error",
                ["startedAt"] = Obj.Time(exit.Started),
                ["finishedAt"] = Obj.Time(exit.Finished),
                ["containerID"] = exit.ContainerId,
            };
        }

        var status = new JsonObject
        {
            ["name"] = name,
            ["state"] = state,
            ["lastState"] = lastState,
            ["ready"] = ready,
            ["restartCount"] = s?.RestartCount ?? 0,
            ["image"] = image,
            ["imageID"] = s?.LastPull is { Success: true } p ? p.ImageId : "",
            ["started"] = s?.Phase == ContainerPhase.Running,
        };
        if (s?.Phase == ContainerPhase.Running || s?.LastExit is not null)
        {
            status["containerID"] = s.Phase == ContainerPhase.Running ? s.ContainerId : s.LastExit!.Value.ContainerId;
        }

        return status;
    }

    internal static JsonObject Condition(JsonObject previous, string type, string value, string? reason, string? message, DateTimeOffset now)
    {
        var old = Conditions.Get(previous, type);
        var since = old is not null && Obj.Str(old, "status") == value ? Obj.Str(old, "lastTransitionTime") : Obj.Time(now);
        var c = new JsonObject { ["type"] = type, ["status"] = value, ["lastProbeTime"] = null, ["lastTransitionTime"] = since };
        if (reason is not null)
        {
            c["reason"] = reason;
            c["message"] = message;
        }

        return c;
    }

    private static string HostIp(JsonObject pod)
    {
        var node = Obj.Str(pod, "spec", "nodeName") ?? "sim-node-0";
        return int.TryParse(node.AsSpan(node.LastIndexOf('-') + 1), out var n) ? $"10.0.0.{10 + n}" : "10.0.0.10";
    }

    private static string PodIp(JsonObject pod)
    {
        var h = (uint)StringComparer.Ordinal.GetHashCode(Obj.Uid(pod));
        return $"10.128.{h % 250}.{(h / 250 % 250) + 2}";
    }
}
