using ImageRoll.Images;

namespace ImageRoll.Build;

/// <summary>Confirms that the registry serves <c>REG/REPO@digest</c> before a builder reports it.</summary>
internal static class DigestVerification
{
    public static async Task<ImageReference> ConfirmAsync(IRegistryDigestProbe probe, ImageReference image, string digest, string reportedBy, CancellationToken cancellationToken)
    {
        var pinned = image.WithDigest(digest);
        var served = await probe.GetDigestAsync(pinned, cancellationToken).ConfigureAwait(false);
        if (!string.Equals(served, digest, StringComparison.Ordinal))
        {
            throw new ImageRollException(BuildErrors.DigestNotServed, FailureKind.OperationFailed,
                $"{reportedBy} reported {pinned}, but the registry {(served is null ? "does not serve it" : $"answers with {served}")}.",
                "The push did not complete in the registry ImageRoll checks; check that both name the same registry (mirrors and proxies can differ).");
        }

        return pinned;
    }
}
