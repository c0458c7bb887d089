namespace ImageRoll.OpenShift.ImageStreams;

/// <summary>
/// A tag's source in another image stream, pinned to one image: what <c>oc tag SRC_STREAM:TAG DST_STREAM:TAG</c>
/// writes without <c>--alias</c> (openshift/oc pkg/cli/tag/tag.go: the source tag's latest image becomes
/// <c>from: {kind: ImageStreamImage, name: STREAM@IMAGE, namespace: NS}</c>), so a later move of the source tag
/// does not follow.
/// </summary>
public sealed record StreamImageSource(string Namespace, string Stream, string Image)
{
    /// <summary><c>STREAM@IMAGE</c>, the ImageStreamImage name.</summary>
    public string Name => $"{Stream}@{Image}";

    public override string ToString() => $"{Namespace}/{Name}";
}
