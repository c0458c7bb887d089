namespace ImageRoll.OpenShift.Triggers;

/// <summary>
/// One entry of the <c>image.openshift.io/triggers</c> annotation, as the controller decodes it
/// (openshift/library-go pkg/image/trigger/types.go ObjectFieldTrigger: <c>{from:{kind,name,namespace,apiVersion},
/// fieldPath, paused}</c>). <see cref="Index"/> is the entry's position in the JSON array.
/// </summary>
public sealed record ObjectFieldTrigger(int Index, string FromKind, string FromName, string FromNamespace, string FieldPath, bool Paused)
{
    public const string ImageStreamTagKind = "ImageStreamTag";

    /// <summary><c>from.apiVersion</c> (optional; a trigger that sets it is not followed on tag moves).</summary>
    public string FromApiVersion { get; init; } = string.Empty;

    /// <summary>
    /// Whether the controller re-evaluates the object when the stream tag moves: it indexes only unpaused
    /// ImageStreamTag triggers without apiVersion (openshift-controller-manager
    /// pkg/image/controller/trigger/cache.go <c>triggerCacheIndexer</c>). Any other trigger still applies whenever
    /// its object is created or changed (its triggers, or a triggered container's image): library-go
    /// pkg/image/trigger/annotations.go <c>UpdateObjectFromImages</c> resolves from.name as STREAM:TAG whatever
    /// from.kind says.
    /// </summary>
    public bool FollowsTagMoves => FromKind == ImageStreamTagKind && FromApiVersion.Length == 0;

    /// <summary>The namespace the tag is looked up in: <c>from.namespace</c>, else the object's own.</summary>
    public string EffectiveNamespace(string objectNamespace) => FromNamespace.Length > 0 ? FromNamespace : objectNamespace;

    /// <summary>
    /// The stream and tag, as the controller's tag retriever splits <c>from.name</c> (library-go imageutil
    /// SplitImageStreamTag): no ':' means the controller never resolves it; an empty tag means <c>latest</c>.
    /// </summary>
    public (string Stream, string Tag)? StreamTag()
    {
        var colon = FromName.IndexOf(':', StringComparison.Ordinal);
        if (colon < 0)
        {
            return null;
        }

        var tag = FromName[(colon + 1)..];
        return (FromName[..colon], tag.Length == 0 ? "latest" : tag);
    }
}
