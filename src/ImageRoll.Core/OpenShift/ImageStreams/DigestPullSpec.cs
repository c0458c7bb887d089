namespace ImageRoll.OpenShift.ImageStreams;

/// <summary>
/// The parts of <c>REG/REPO@sha256:D</c> tagging needs: the registry host (to decide <c>insecure</c> and to spot the
/// integrated registry) and the digest, parsed with <see cref="Images.ImageReference"/> (Docker reference grammar).
/// </summary>
public sealed record DigestPullSpec(string Registry, string Repository, string Digest)
{
    public const string IntegratedRegistryHost = "image-registry.openshift-image-registry.svc:5000";

    public string Value => $"{Registry}/{Repository}@{Digest}";

    public static DigestPullSpec Parse(string text)
    {
        // The Docker reference grammar is ImageReference's (distribution/reference); this keeps only digest references.
        if (!Images.ImageReference.TryParse(text, out var reference) || reference.Digest is null || !reference.Digest.StartsWith("sha256:", StringComparison.Ordinal))
        {
            throw new ImageRollException(ImageStreamErrors.NotPinnedByDigest, FailureKind.BadInput,
                $"'{text}' is not an image pinned by digest (REGISTRY/REPOSITORY@sha256:<64 hex>).",
                "Tag and roll out only digest references, e.g. the last line `imageroll push` prints; a mutable tag could move under the rollout.");
        }

        return new DigestPullSpec(reference.Registry, reference.Repository, reference.Digest);
    }

    /// <summary>Whether the registry is the cluster's integrated one (or <paramref name="streamRepository"/>'s host).</summary>
    public bool IsIntegratedRegistry(string? streamRepository) =>
        Registry == IntegratedRegistryHost
        || (streamRepository is { Length: > 0 } && streamRepository.StartsWith(Registry + "/", StringComparison.Ordinal));

    /// <summary>Loopback registries: a cluster configured for them reaches them over plain HTTP.</summary>
    public bool IsLoopback()
    {
        var host = Registry.StartsWith('[') ? Registry[..(Registry.IndexOf(']', StringComparison.Ordinal) + 1)] : Registry.Split(':')[0];
        return host is "localhost" or "127.0.0.1" or "[::1]" || host.StartsWith("127.", StringComparison.Ordinal);
    }

    public override string ToString() => Value;
}
