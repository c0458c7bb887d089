using ImageRoll.Kubernetes.Models;

namespace ImageRoll.Rollouts;

/// <summary>
/// One stuck-since clock per container of a new pod (per pod when the scheduler cannot place it). The clock starts
/// when the container is first seen stuck and runs until it turns ready or its pod goes away, across every change of
/// reason in between: ErrImagePull and ImagePullBackOff alternate as the kubelet retries, a crash-looping container
/// is briefly Running (not ready) between its back-offs, and a kubelet may show the plain ContainerCreating while it
/// pulls again (pkg/kubelet/kubelet_pods.go convertToAPIContainerStatuses falls back to it when its reason cache is
/// empty). None of those is progress, so none restarts the clock.
/// A container is reported when first seen and then only when its reason changes, at most once per grace period
/// (the pull reasons count as one), so a pull failure does not print the same evidence at every retry.
/// </summary>
internal sealed class StuckClocks
{
    private readonly Dictionary<string, Clock> _clocks = new(StringComparer.Ordinal);

    /// <summary>The stuck container stuck the longest, with how long, after the last <see cref="Observe"/>.</summary>
    public (StuckPod Pod, TimeSpan For)? Worst { get; private set; }

    /// <summary>
    /// Updates the clocks from the new revision's pods; returns the stuck containers to report now, and sets
    /// <paramref name="nextWake"/> to the earliest moment a clock runs out.
    /// </summary>
    public List<StuckPod> Observe(IReadOnlyList<Pod> pods, DateTimeOffset now, TimeSpan grace, out DateTimeOffset? nextWake)
    {
        nextWake = null;
        var noticed = new List<StuckPod>();
        var seen = new HashSet<string>(StringComparer.Ordinal);
        foreach (var s in pods.SelectMany(PodDiagnoser.Diagnose))
        {
            var key = Key(s.Uid ?? s.Pod, s.Container);
            seen.Add(key);
            if (!_clocks.TryGetValue(key, out var clock))
            {
                _clocks[key] = new Clock(now, s, now);
                noticed.Add(s);
                continue;
            }

            clock.Last = s;
            if (Kind(s.Reason) != Kind(clock.Reported.Reason) && now - clock.ReportedAt >= grace)
            {
                clock.Reported = s;
                clock.ReportedAt = now;
                noticed.Add(s);
            }
        }

        var stillPending = StillPending(pods);
        foreach (var key in _clocks.Keys.Where(k => !seen.Contains(k) && !stillPending.Contains(k)).ToList())
        {
            _clocks.Remove(key);
        }

        Worst = null;
        foreach (var clock in _clocks.Values)
        {
            var stuckFor = now - clock.Since;
            if (Worst is null || stuckFor > Worst.Value.For)
            {
                Worst = (clock.Last, stuckFor);
            }

            var due = clock.Since + grace;
            if (nextWake is null || due < nextWake)
            {
                nextWake = due;
            }
        }

        return noticed;
    }

    /// <summary>Containers of live new pods that are not ready yet, whatever their state: a clock already running for them keeps running.</summary>
    private static HashSet<string> StillPending(IReadOnlyList<Pod> pods)
    {
        var keys = new HashSet<string>(StringComparer.Ordinal);
        foreach (var pod in pods)
        {
            if (pod.Metadata.Extra?.ContainsKey("deletionTimestamp") == true || pod.Status.Phase is "Succeeded" or "Failed")
            {
                continue;
            }

            foreach (var cs in pod.Status.InitContainerStatuses.Concat(pod.Status.ContainerStatuses))
            {
                if (!cs.Ready && cs.State.Terminated is null)
                {
                    keys.Add(Key(pod.Metadata.Uid ?? pod.Metadata.Name ?? "?", cs.Name));
                }
            }
        }

        return keys;
    }

    private static string Key(string pod, string? container) => $"{pod}/{container}";

    private static string Kind(string reason) => reason is "ErrImagePull" or "ImagePullBackOff" ? "pull" : reason;

    private sealed class Clock(DateTimeOffset since, StuckPod first, DateTimeOffset reportedAt)
    {
        public DateTimeOffset Since { get; } = since;

        public StuckPod Last { get; set; } = first;

        public StuckPod Reported { get; set; } = first;

        public DateTimeOffset ReportedAt { get; set; } = reportedAt;
    }
}
