using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;

namespace ImageRoll.Build;

/// <summary>
/// An image already in a registry: its tag is resolved to the manifest digest with a registry HEAD (a reference that
/// already carries a digest is confirmed the same way).
/// </summary>
public sealed class ExistingImageBuilder : IImageBuilder
{
    private readonly IRegistryDigestProbe _probe;
    private readonly ILogger _logger;

    public ExistingImageBuilder(IRegistryDigestProbe probe, ILogger? logger = null)
    {
        _probe = probe ?? throw new ArgumentNullException(nameof(probe));
        _logger = logger ?? NullLogger.Instance;
    }

    public ImageBuilderKind Kind => ImageBuilderKind.Existing;

    public async Task<ImageBuildResult> BuildAsync(ImageBuildRequest request, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        var reference = request.Image.Digest is null ? request.Image.WithTag(request.Tag) : request.Image;
        var digest = await _probe.GetDigestAsync(reference, cancellationToken).ConfigureAwait(false) ?? throw new ImageRollException(
            BuildErrors.ImageNotFound, FailureKind.OperationFailed,
            $"The registry {reference.Registry} has no image {reference}.",
            "Check the repository and tag (skopeo list-tags docker://REG/REPO lists the tags), or build it first.");
        var pinned = await DigestVerification.ConfirmAsync(_probe, request.Image, digest, $"The tag {reference}", cancellationToken).ConfigureAwait(false);
        _logger.LogInformation("Resolved {Reference} to {Image}", reference, pinned);
        return new ImageBuildResult(pinned, reference, Kind, new Dictionary<string, string>());
    }
}
