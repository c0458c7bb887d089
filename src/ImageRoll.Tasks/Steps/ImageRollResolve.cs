using ImageRoll.Images;
using ImageRoll.Registry;
using Microsoft.Build.Framework;

namespace ImageRoll.Tasks.Steps;

/// <summary>Resolves an image to the digest the registry serves for it (manifest HEAD), as the release's existing builder does.</summary>
public sealed partial class ImageRollResolve : StepTaskBase
{
    protected override async Task RunStepAsync(TimeSpan timeout, CancellationToken cancellationToken)
    {
        ImageReference image;
        try
        {
            image = ImageReference.Parse(Image.Trim());
        }
        catch (ImageRollException ex)
        {
            throw new ImageRollException(TaskErrors.BadImage, FailureKind.BadInput, $"Image '{Image}': {ex.Message}", ex.Hint, ex);
        }

        using var session = CreateRegistry();
        DigestReference = (await session.ResolveAsync(image, cancellationToken).ConfigureAwait(false)).ToString();
        Sink.Message(MessageImportance.High, $"ImageRoll: {image} is {DigestReference}");
    }
}
