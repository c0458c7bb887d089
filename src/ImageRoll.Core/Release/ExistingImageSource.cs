namespace ImageRoll.Release;

/// <summary>
/// The image is already in the registry: a tag is resolved to its digest, a digest is checked to exist there
/// (the MSBuild face uses this after the SDK's <c>PublishContainer</c> pushed <c>GeneratedContainerDigest</c>).
/// </summary>
public sealed record ExistingImageSource : ReleaseSource
{
    public override string Describe() => "existing image";
}
