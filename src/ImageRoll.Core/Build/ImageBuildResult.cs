using ImageRoll.Images;

namespace ImageRoll.Build;

/// <summary>
/// A built and pushed image: <see cref="Image"/> is the verified <c>REG/REPO@sha256:...</c> (the registry served that
/// digest when asked), <see cref="Tagged"/> the mutable name it was pushed under.
/// </summary>
public sealed record ImageBuildResult(ImageReference Image, ImageReference Tagged, ImageBuilderKind Builder, IReadOnlyDictionary<string, string> Labels);
