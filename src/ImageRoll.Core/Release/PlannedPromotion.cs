using ImageRoll.Images;
using ImageRoll.OpenShift.ImageStreams;
using ImageRoll.OpenShift.Models;

namespace ImageRoll.Release;

/// <summary>
/// The source of a promotion as the plan found it: the source stream tag (namespace filled in), its latest event (the
/// image and where it is), its spec tag (whose reference and import policies the destination keeps), and for a
/// promotion from another cluster, where the image is copied from.
/// </summary>
internal sealed record PlannedPromotion(StreamTagRef From, TagEvent Event, TagReference? SpecTag)
{
    /// <summary>The image to copy (another cluster's registry, by digest); null within one cluster.</summary>
    public ImageReference? CopyFrom { get; init; }

    public string Image => Event.Image ?? string.Empty;

    public StreamImageSource StreamImage => new(From.Namespace!, From.Stream, Image);
}
