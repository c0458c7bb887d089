namespace ImageRoll.OpenShift.ImageStreams;

/// <summary>
/// The stream tag after the import: <see cref="Image"/> is <c>status.tags[tag].items[0].image</c>,
/// <see cref="ResolvedPullSpec"/> what trigger controllers write (ResolveLatestTaggedImage).
/// </summary>
public sealed record TagResult(
    string Namespace,
    string Stream,
    string Tag,
    TagMethod Method,
    string Image,
    string? DockerImageReference,
    string ResolvedPullSpec,
    long Generation,
    string? Warning);
