namespace ImageRoll.OpenShift.Triggers;

/// <summary>
/// One container image a trigger on the stream tag drives. <see cref="Paused"/>: an annotation trigger with
/// <c>paused: true</c>, or a DC ImageChange trigger with <c>automatic: false</c>. <see cref="TriggerIndex"/> is the
/// entry's index in the annotation or in the DC's <c>spec.triggers</c>; null when no trigger names this container
/// (a DC rolled out by hand). <see cref="FollowsTagMoves"/>: false for an annotation trigger the controller applies
/// only when the workload changes, never when the tag moves (another from.kind, or from.apiVersion set).
/// </summary>
public sealed record TriggerMatch(ContainerSelector Selector, string ContainerName, bool Paused, int? TriggerIndex, string Description, bool FollowsTagMoves = true);
