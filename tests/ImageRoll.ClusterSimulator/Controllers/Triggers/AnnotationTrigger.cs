namespace ImageRoll.ClusterSimulator.Controllers.Triggers;

/// <summary>One decoded entry of <c>image.openshift.io/triggers</c> (library-go pkg/image/trigger/types.go).</summary>
public sealed record AnnotationTrigger(string FromKind, string FromName, string FromNamespace, string FieldPath, bool Paused);
