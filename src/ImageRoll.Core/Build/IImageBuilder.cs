namespace ImageRoll.Build;

/// <summary>
/// One way of turning source into an image in a registry. Every backend ends with a verified
/// <c>REG/REPO@sha256:...</c>: nothing downstream uses a mutable tag.
/// </summary>
public interface IImageBuilder
{
    ImageBuilderKind Kind { get; }

    Task<ImageBuildResult> BuildAsync(ImageBuildRequest request, CancellationToken cancellationToken);
}
