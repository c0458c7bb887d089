using System.Text.Json.Nodes;
using ImageRoll.ClusterSimulator.Controllers.Core;

namespace ImageRoll.ClusterSimulator.Controllers.Kubelet.Docker;

/// <summary>
/// A pod's status from its real containers (pkg/kubelet/kubelet_pods.go generateAPIPodStatus, getPhase,
/// convertToAPIContainerStatuses): phase from the container states and restartPolicy, the pod conditions,
/// containerStatuses with state/lastState/ready/started/restartCount/imageID/containerID. The pod IP is 127.0.0.1:
/// every container port is reached on its published host port (see the pod's port annotations).
/// </summary>
public static class DockerPodStatus
{
    public const string Loopback = "127.0.0.1";

    public static JsonObject Build(JsonObject pod, IReadOnlyDictionary<string, RuntimeContainer> containers, DateTimeOffset now)
    {
        var previous = Obj.At(pod, "status") as JsonObject ?? new JsonObject();
        var statuses = new JsonArray();
        var unready = new List<string>();
        int running = 0, waiting = 0, stopped = 0, succeeded = 0;
        foreach (var spec in Obj.Objects(pod, "spec", "containers"))
        {
            var name = Obj.Str(spec, "name") ?? "";
            containers.TryGetValue(name, out var c);
            if (c is not { Ready: true })
            {
                unready.Add(name);
            }

            if (c is { Running: true })
            {
                running++;
            }
            else if (c?.Terminal is { } end)
            {
                stopped++;
                succeeded += end.ExitCode == 0 ? 1 : 0;
            }
            else if (c?.LastTerminated is not null)
            {
                stopped++;
            }
            else
            {
                waiting++;
            }

            statuses.Add(ContainerStatus(name, Obj.Str(spec, "image") ?? "", c));
        }

        var phase = Phase(Obj.Str(pod, "spec", "restartPolicy") ?? "Always", running, waiting, stopped, succeeded);
        var allReady = unready.Count == 0 && phase == "Running";
        var reason = phase is "Succeeded" or "Failed" ? "PodCompleted" : "ContainersNotReady";
        var message = phase is "Succeeded" or "Failed" ? null : $"containers with unready status: [{string.Join(' ', unready)}]";
        return new JsonObject
        {
            ["phase"] = phase,
            ["conditions"] = new JsonArray(
                PodStatusBuilder.Condition(previous, "PodReadyToStartContainers", phase is "Succeeded" or "Failed" ? "False" : "True", null, null, now),
                PodStatusBuilder.Condition(previous, "Initialized", "True", null, null, now),
                PodStatusBuilder.Condition(previous, "Ready", allReady ? "True" : "False", allReady ? null : reason, allReady ? null : message, now),
                PodStatusBuilder.Condition(previous, "ContainersReady", allReady ? "True" : "False", allReady ? null : reason, allReady ? null : message, now),
                PodStatusBuilder.Condition(previous, "PodScheduled", "True", null, null, now)),
            ["hostIP"] = Loopback,
            ["hostIPs"] = new JsonArray(new JsonObject { ["ip"] = Loopback }),
            ["podIP"] = Loopback,
            ["podIPs"] = new JsonArray(new JsonObject { ["ip"] = Loopback }),
            ["startTime"] = Obj.Str(previous, "startTime") ?? Obj.Time(now),
            ["containerStatuses"] = statuses,
            ["qosClass"] = Obj.Str(previous, "qosClass") ?? "BestEffort",
        };
    }

    /// <summary>kubelet_pods.go getPhase for a pod past its init containers.</summary>
    private static string Phase(string restartPolicy, int running, int waiting, int stopped, int succeeded)
    {
        if (waiting > 0)
        {
            return "Pending";
        }

        if (running > 0)
        {
            return "Running";
        }

        if (stopped > 0)
        {
            return restartPolicy switch
            {
                "Always" => "Running",
                "OnFailure" when stopped == succeeded => "Succeeded",
                "OnFailure" => "Running",
                _ => stopped == succeeded ? "Succeeded" : "Failed",
            };
        }

        return "Pending";
    }

    private static JsonObject ContainerStatus(string name, string image, RuntimeContainer? c)
    {
        var state = new JsonObject();
        if (c is { Running: true })
        {
            state["running"] = new JsonObject { ["startedAt"] = Obj.Time(c.StartedAt!.Value) };
        }
        else if (c?.Terminal is { } end)
        {
            state["terminated"] = Terminated(end);
        }
        else if (c?.WaitingReason is { } reason)
        {
            state["waiting"] = c.WaitingMessage is null
                ? new JsonObject { ["reason"] = reason }
                : new JsonObject { ["reason"] = reason, ["message"] = c.WaitingMessage };
        }
        else
        {
            state["waiting"] = new JsonObject { ["reason"] = "ContainerCreating" };
        }

        var lastState = new JsonObject();
        if (c?.LastTerminated is { } last && c.Terminal is null)
        {
            lastState["terminated"] = Terminated(last);
        }

        var status = new JsonObject
        {
            ["name"] = name,
            ["state"] = state,
            ["lastState"] = lastState,
            ["ready"] = c?.Ready ?? false,
            ["restartCount"] = c?.RestartCount ?? 0,
            ["image"] = image,
            ["imageID"] = c?.ImageId ?? "",
            ["started"] = c?.Started ?? false,
        };
        var containerId = c is { Running: true } ? "docker://" + c.ContainerId : c?.Terminal?.ContainerId ?? c?.LastTerminated?.ContainerId;
        if (containerId is not null)
        {
            status["containerID"] = containerId;
        }

        return status;
    }

    private static JsonObject Terminated(TerminatedState end)
    {
        var t = new JsonObject { ["exitCode"] = end.ExitCode, ["reason"] = end.Reason };
        if (end.Message is { Length: > 0 } message)
        {
            t["message"] = message;
        }

        t["startedAt"] = end.StartedAt is { } s ? Obj.Time(s) : null;
        t["finishedAt"] = end.FinishedAt is { } f ? Obj.Time(f) : null;
        t["containerID"] = end.ContainerId;
        return t;
    }
}
