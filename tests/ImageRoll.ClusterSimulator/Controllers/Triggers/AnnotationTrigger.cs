namespace ImageRoll.ClusterSimulator.Controllers.Triggers;

/// <summary>One decoded entry of <c>image.openshift.io/triggers</c> (library-go pkg/image/trigger/types.go).</summary>
public sealed record AnnotationTrigger(string FromKind, string FromName, string FromNamespace, string FieldPath, bool Paused)
{
    /// <summary><c>from.apiVersion</c>: a trigger that sets it is not indexed by image stream (see <see cref="FollowsStream"/>).</summary>
    public string FromApiVersion { get; init; } = "";

    /// <summary>
    /// Whether a change of the stream re-evaluates this trigger's object: only unpaused ImageStreamTag triggers
    /// without apiVersion whose name is STREAM:TAG are indexed (openshift-controller-manager
    /// pkg/image/controller/trigger/cache.go <c>triggerCacheIndexer</c>). Every other trigger still applies when its
    /// object is created or changed (library-go pkg/image/trigger/annotations.go <c>UpdateObjectFromImages</c> does
    /// not look at from.kind).
    /// </summary>
    public bool FollowsStream(string objectNamespace, string streamNamespace, string stream) =>
        FromKind == "ImageStreamTag" && FromApiVersion.Length == 0 && !Paused
        && FromName.IndexOf(':', StringComparison.Ordinal) is var colon and > 0 && FromName[..colon] == stream
        && (FromNamespace.Length > 0 ? FromNamespace : objectNamespace) == streamNamespace;
}
