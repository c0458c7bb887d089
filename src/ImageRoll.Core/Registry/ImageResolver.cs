using ImageRoll.Images;

namespace ImageRoll.Registry;

/// <summary>Turns a tag into the digest reference nothing downstream should replace with a tag.</summary>
public static class ImageResolver
{
    /// <summary>
    /// <c>REG/REPO[:TAG]</c> -> <c>REG/REPO@sha256:...</c> via manifest HEAD (<c>Docker-Content-Digest</c>), falling back
    /// to GET and hashing when a registry omits the header. A reference with a digest is checked to exist.
    /// No tag and no digest means <c>latest</c>, as Docker does.
    /// </summary>
    public static async Task<ImageReference> ResolveAsync(this RegistrySession session, ImageReference image, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(session);
        ArgumentNullException.ThrowIfNull(image);
        var client = session.For(image.Registry);
        var reference = image.Digest ?? image.Tag ?? "latest";
        var head = await client.HeadManifestAsync(image.Repository, reference, cancellationToken).ConfigureAwait(false);
        var digest = head?.Digest;
        if (digest is null || !Digest.IsValid(digest))
        {
            // No HEAD answer (or no digest header): GET says definitively, with IR1004 when it does not exist.
            digest = (await client.GetManifestAsync(image.Repository, reference, cancellationToken).ConfigureAwait(false)).Digest;
        }

        return image.WithDigest(digest);
    }
}
