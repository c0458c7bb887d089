using ImageRoll.Images;

namespace ImageRoll.Build;

/// <summary>
/// Asks a registry which manifest digest a reference names (a manifest HEAD, <c>Docker-Content-Digest</c>), or null
/// when the registry does not have it. The builders confirm every digest they report through this.
/// </summary>
public interface IRegistryDigestProbe
{
    Task<string?> GetDigestAsync(ImageReference reference, CancellationToken cancellationToken);
}
