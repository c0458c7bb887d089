using ImageRoll.OpenShift.ImageStreams;

namespace ImageRoll.Release;

/// <summary>
/// Promotion (<c>imageroll promote SRC_STREAM:TAG DST_STREAM:TAG</c>, docs/openshift-native.md): the image is the one
/// <see cref="From"/> holds now (its latest status event, resolved in the plan), never rebuilt. In the same cluster the
/// destination tag is set from it as <c>oc tag</c> does (an ImageStreamImage source); from another cluster
/// (<see cref="ReleaseServices.SourceKube"/>) the image is copied into the destination cluster's integrated registry,
/// whose push sets the destination tag. <see cref="ReferencePolicy"/> and <see cref="ImportMode"/>: null keeps the
/// source tag's.
/// </summary>
public sealed record PromotionSource(StreamTagRef From) : ReleaseSource
{
    public string? ReferencePolicy { get; init; }

    public string? ImportMode { get; init; }

    public override string Describe() => $"image stream tag {From}";
}
