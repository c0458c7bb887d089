namespace ImageRoll.ClusterSimulator.Controllers.Kubelet.Docker;

/// <summary>
/// One probe worker's memory for the current container (kubernetes pkg/kubelet/prober/worker.go): the result it
/// last reported, the run length of the last verdict against successThreshold/failureThreshold, and when it probes
/// next. Readiness and startup start at Failure, liveness at Success; a liveness or startup failure puts the worker
/// on hold until the container is replaced.
/// </summary>
public sealed class ProbeState(string kind, ProbeSpec spec, bool initialResult, DateTimeOffset startedAt)
{
    /// <summary>"Readiness", "Liveness" or "Startup": the word the Unhealthy events start with.</summary>
    public string Kind { get; } = kind;

    public ProbeSpec Spec { get; } = spec;

    public bool Result { get; private set; } = initialResult;

    public bool OnHold { get; private set; }

    public DateTimeOffset NextAt { get; private set; } = startedAt + TimeSpan.FromSeconds(spec.InitialDelaySeconds);

    private ProbeVerdict? _lastVerdict;
    private int _run;

    /// <summary>Counts one verdict; returns true when the reported result changed.</summary>
    public bool Record(ProbeVerdict verdict, DateTimeOffset now)
    {
        NextAt = now + TimeSpan.FromSeconds(Spec.PeriodSeconds);
        if (verdict == ProbeVerdict.Error)
        {
            // An errored probe keeps the last result (worker.go: "the probe errored, keep the last result").
            return false;
        }

        _run = _lastVerdict == verdict ? _run + 1 : 1;
        _lastVerdict = verdict;
        var success = verdict == ProbeVerdict.Success;
        if (_run < (success ? Spec.SuccessThreshold : Spec.FailureThreshold))
        {
            return false;
        }

        var changed = Result != success;
        Result = success;
        if (!success && Kind != "Readiness")
        {
            OnHold = true;
            _run = 0;
        }

        return changed;
    }
}
