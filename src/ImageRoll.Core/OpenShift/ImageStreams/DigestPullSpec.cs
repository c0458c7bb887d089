using System.Text.RegularExpressions;

namespace ImageRoll.OpenShift.ImageStreams;

/// <summary>
/// The parts of <c>REG/REPO@sha256:D</c> tagging needs: the registry host (to decide <c>insecure</c> and to spot the
/// integrated registry) and the digest. Follows the Docker reference grammar's rule for the registry component: the
/// first path part is a host when it has a '.' or ':' or is <c>localhost</c> (distribution/reference normalize.go).
/// </summary>
public sealed partial record DigestPullSpec(string Registry, string Repository, string Digest)
{
    public const string IntegratedRegistryHost = "image-registry.openshift-image-registry.svc:5000";

    public string Value => $"{Registry}/{Repository}@{Digest}";

    public static DigestPullSpec Parse(string text)
    {
        var m = Pattern().Match(text);
        if (!m.Success)
        {
            throw new ImageRollException("IR3205", FailureKind.BadInput,
                $"'{text}' is not an image pinned by digest (REGISTRY/REPOSITORY@sha256:<64 hex>).",
                "Tag and roll out only digest references, e.g. the last line `imageroll push` prints; a mutable tag could move under the rollout.");
        }

        var name = m.Groups["name"].Value;
        var slash = name.IndexOf('/', StringComparison.Ordinal);
        var first = slash < 0 ? string.Empty : name[..slash];
        var hasHost = first.Length > 0 && (first.Contains('.', StringComparison.Ordinal) || first.Contains(':', StringComparison.Ordinal) || first == "localhost");
        return hasHost
            ? new DigestPullSpec(first, name[(slash + 1)..], m.Groups["digest"].Value)
            : new DigestPullSpec("docker.io", name.Contains('/', StringComparison.Ordinal) ? name : "library/" + name, m.Groups["digest"].Value);
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

    [GeneratedRegex("^(?<name>[a-zA-Z0-9][a-zA-Z0-9._:/\\[\\]-]*?)(?::[A-Za-z0-9_][A-Za-z0-9_.-]{0,127})?@(?<digest>sha256:[a-f0-9]{64})$")]
    private static partial Regex Pattern();
}
