namespace ImageRoll.OpenShift.Triggers;

/// <summary>
/// The annotation as the controller sees it (<see cref="Triggers"/>: empty when it drops them all, with
/// <see cref="ControllerError"/> saying why, in the controller's words) and everything ImageRoll finds wrong with it.
/// </summary>
public sealed record TriggerDecodeResult(
    IReadOnlyList<ObjectFieldTrigger> Triggers,
    string? ControllerError,
    IReadOnlyList<TriggerProblem> Problems);
