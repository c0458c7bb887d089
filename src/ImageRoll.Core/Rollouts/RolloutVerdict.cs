namespace ImageRoll.Rollouts;

/// <summary>
/// One status check of one workload, in kubectl's/oc's exact words (<see cref="Message"/> without the trailing
/// newline kubectl prints). <see cref="Reason"/> names why a check failed: <c>ProgressDeadlineExceeded</c>,
/// <c>RolloutCancelled</c>, <c>DeploymentConfigPaused</c>, <c>UnsupportedStrategy</c>, <c>ManualUpdateRequired</c>,
/// <c>Deleted</c>, <c>NotFound</c>, or a pod-level reason from early diagnosis (<c>ImagePullBackOff</c>, ...).
/// </summary>
public sealed record RolloutVerdict(RolloutState State, string Message, string? Reason = null)
{
    public static RolloutVerdict Waiting(string message) => new(RolloutState.Waiting, message);

    public static RolloutVerdict Done(string message) => new(RolloutState.Done, message);

    public static RolloutVerdict Failed(string reason, string message) => new(RolloutState.Failed, message, reason);

    public bool IsTerminal => State != RolloutState.Waiting;

    public override string ToString() => Reason is null ? $"{State}: {Message}" : $"{State}({Reason}): {Message}";
}
