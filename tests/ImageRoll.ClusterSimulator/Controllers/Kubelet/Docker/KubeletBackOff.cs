namespace ImageRoll.ClusterSimulator.Controllers.Kubelet.Docker;

/// <summary>
/// The kubelet's per-container back-off (client-go util/flowcontrol/backoff.go, used by kuberuntime doBackOff and
/// images.imageManager): <see cref="Next"/> starts at the initial step or doubles up to the cap; an entry older than
/// twice the cap starts over. Here the steps are the simulator's (ControllerTimings); <see cref="RealText"/> names
/// the step the real kubelet would be at (10s, 20s, ... 5m0s), as the waiting message shows it.
/// </summary>
public sealed class KubeletBackOff(TimeSpan initial)
{
    private static readonly TimeSpan RealInitial = TimeSpan.FromSeconds(10);
    private static readonly TimeSpan RealMax = TimeSpan.FromMinutes(5);

    private readonly TimeSpan _max = initial * (RealMax / RealInitial);

    /// <summary>The current step, or null before the first <see cref="Next"/>.</summary>
    public TimeSpan? Current { get; private set; }

    private DateTimeOffset _lastUpdate;

    /// <summary>Whether <paramref name="eventTime"/> (the last exit, the last failed pull) is still inside the current step.</summary>
    public bool IsInBackOffSince(DateTimeOffset eventTime, DateTimeOffset now) =>
        Current is { } step && eventTime - _lastUpdate <= _max * 2 && now - eventTime < step;

    public void Next(DateTimeOffset now)
    {
        Current = Current is null || now - _lastUpdate > _max * 2 ? initial : Min(Current.Value * 2, _max);
        _lastUpdate = now;
    }

    /// <summary>The real kubelet's step for the current one, as Go prints a duration: 10s, 20s, 40s, 1m20s, 2m40s, 5m0s.</summary>
    public string RealText()
    {
        var real = Min(RealInitial * ((Current ?? initial) / initial), RealMax);
        var seconds = (int)Math.Round(real.TotalSeconds);
        return seconds >= 60 ? $"{seconds / 60}m{seconds % 60}s" : $"{seconds}s";
    }

    private static TimeSpan Min(TimeSpan a, TimeSpan b) => a < b ? a : b;
}
