using ImageRoll.Kubernetes.Models;

namespace ImageRoll.Rollouts;

/// <summary>
/// Classifies a new pod's containers the way a person reading <c>kubectl get pods</c> would: waiting reasons that do
/// not heal by themselves (kubelet's ErrImagePull/ImagePullBackOff, InvalidImageName, CrashLoopBackOff,
/// CreateContainerConfigError, CreateContainerError), a running container that never turns ready (readiness
/// failing), and a pod the scheduler cannot place (PodScheduled=False, Unschedulable). Pure: the follower decides how
/// long each may last (the grace period).
/// </summary>
internal static class PodDiagnoser
{
    public const string NotReady = "ReadinessFailing";
    public const string Unschedulable = "Unschedulable";

    private static readonly HashSet<string> StuckWaitingReasons = new(StringComparer.Ordinal)
    {
        "ErrImagePull", "ImagePullBackOff", "InvalidImageName", "CrashLoopBackOff", "CreateContainerConfigError", "CreateContainerError", "ErrImageNeverPull",
    };

    public static IEnumerable<StuckPod> Diagnose(Pod pod)
    {
        var name = pod.Metadata.Name ?? "?";
        if (pod.Metadata.Extra?.ContainsKey("deletionTimestamp") == true || pod.Status.Phase is "Succeeded" or "Failed")
        {
            yield break;
        }

        var scheduled = Condition.Find(pod.Status.Conditions, "PodScheduled");
        if (scheduled is { Status: "False" })
        {
            yield return new StuckPod(name, pod.Metadata.Uid, null, Unschedulable, scheduled.Message, 0);
            yield break;
        }

        foreach (var cs in pod.Status.InitContainerStatuses.Concat(pod.Status.ContainerStatuses))
        {
            var waiting = cs.State.Waiting;
            if (waiting?.Reason is { } reason && StuckWaitingReasons.Contains(reason))
            {
                var message = waiting.Message;
                if (reason == "CrashLoopBackOff" && cs.LastState.Terminated is { } last)
                {
                    message = $"{message}; last exit code {last.ExitCode}{(last.Reason is null ? string.Empty : $" ({last.Reason})")}";
                }

                yield return new StuckPod(name, pod.Metadata.Uid, cs.Name, reason, message, cs.RestartCount);
            }
        }

        // A running main container that is not ready: readiness is failing (or slower than the grace period allows).
        foreach (var cs in pod.Status.ContainerStatuses)
        {
            if (cs.State.Running is not null && !cs.Ready)
            {
                var ready = Condition.Find(pod.Status.Conditions, "Ready");
                yield return new StuckPod(name, pod.Metadata.Uid, cs.Name, NotReady, ready?.Message ?? "container is running but not ready", cs.RestartCount);
            }
        }
    }
}
