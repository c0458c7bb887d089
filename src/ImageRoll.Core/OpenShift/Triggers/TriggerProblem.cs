namespace ImageRoll.OpenShift.Triggers;

/// <summary>
/// Something wrong with a trigger that the controller would skip or drop silently. <see cref="Code"/> is an IR33xx
/// (annotation triggers) or IR34xx (DeploymentConfig triggers) code; <see cref="TriggerIndex"/> is the entry's
/// position, or null for the annotation as a whole.
/// </summary>
public sealed record TriggerProblem(string Code, string Message, string Hint, int? TriggerIndex = null)
{
    public ImageRollException ToException() => new(Code, FailureKind.BadInput, Message, Hint);
}
