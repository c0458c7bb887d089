using ImageRoll.Images;
using ImageRoll.Registry;

namespace ImageRoll.Build;

/// <summary>
/// <see cref="IRegistryDigestProbe"/> over ImageRoll's registry client: a manifest HEAD with every manifest media type
/// accepted (so the digest is the one pushed, never a converted schema1 one), under the same insecure-registry, CA
/// and credential rules as every other registry operation of the session.
/// </summary>
public sealed class RegistryDigestProbe(RegistrySession session) : IRegistryDigestProbe
{
    private readonly RegistrySession _session = session ?? throw new ArgumentNullException(nameof(session));

    public async Task<string?> GetDigestAsync(ImageReference reference, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(reference);
        var head = await _session.For(reference.Registry)
            .HeadManifestAsync(reference.Repository, reference.Digest ?? reference.Tag ?? "latest", cancellationToken)
            .ConfigureAwait(false);
        return head?.Digest;
    }
}
