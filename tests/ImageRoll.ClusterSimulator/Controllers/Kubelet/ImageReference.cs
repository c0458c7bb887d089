using System.Text.RegularExpressions;

namespace ImageRoll.ClusterSimulator.Controllers.Kubelet;

/// <summary>
/// A container image reference as the container runtime normalises it (distribution/reference ParseNormalizedNamed):
/// no registry part means docker.io, a single path component gets <c>library/</c>, no tag or digest means
/// <c>:latest</c>.
/// </summary>
public sealed partial record ImageReference(string Domain, string Path, string? Tag, string? Digest)
{
    /// <summary>The fully normalised form containerd prints: <c>docker.io/library/busybox:latest</c>.</summary>
    public string Normalized => Domain + "/" + Path + (Tag is null ? "" : ":" + Tag) + (Digest is null ? "" : "@" + Digest);

    /// <summary>What the manifest request names: the digest when there is one, else the tag.</summary>
    public string ManifestReference => Digest ?? Tag ?? "latest";

    public bool IsLoopback
    {
        get
        {
            var host = Domain.StartsWith('[') ? Domain[..(Domain.IndexOf(']') + 1)] : Domain.Split(':')[0];
            return host is "127.0.0.1" or "localhost" or "[::1]";
        }
    }

    public static ImageReference? TryParse(string image)
    {
        if (string.IsNullOrWhiteSpace(image) || image != image.Trim())
        {
            return null;
        }

        string? digest = null;
        var at = image.IndexOf('@', StringComparison.Ordinal);
        var rest = image;
        if (at >= 0)
        {
            digest = image[(at + 1)..];
            rest = image[..at];
            if (!DigestPattern().IsMatch(digest))
            {
                return null;
            }
        }

        string? tag = null;
        var lastSlash = rest.LastIndexOf('/');
        var colon = rest.LastIndexOf(':');
        if (colon > lastSlash)
        {
            tag = rest[(colon + 1)..];
            rest = rest[..colon];
            if (!TagPattern().IsMatch(tag))
            {
                return null;
            }
        }

        var slash = rest.IndexOf('/', StringComparison.Ordinal);
        string domain;
        string path;
        var first = slash < 0 ? "" : rest[..slash];
        if (slash >= 0 && (first.Contains('.', StringComparison.Ordinal) || first.Contains(':', StringComparison.Ordinal) || first == "localhost"))
        {
            domain = first;
            path = rest[(slash + 1)..];
        }
        else
        {
            domain = "docker.io";
            path = rest;
        }

        if (domain == "docker.io" && !path.Contains('/', StringComparison.Ordinal))
        {
            path = "library/" + path;
        }

        if (!path.Split('/').All(c => ComponentPattern().IsMatch(c)))
        {
            return null;
        }

        if (tag is null && digest is null)
        {
            tag = "latest";
        }

        return new ImageReference(domain, path, tag, digest);
    }

    [GeneratedRegex("^[a-z0-9]+(?:(?:[._]|__|[-]+)[a-z0-9]+)*$")]
    private static partial Regex ComponentPattern();

    [GeneratedRegex("^[A-Za-z0-9_][A-Za-z0-9_.-]{0,127}$")]
    private static partial Regex TagPattern();

    [GeneratedRegex("^[a-z0-9]+(?:[.+_-][a-z0-9]+)*:[a-zA-Z0-9=_-]+$")]
    private static partial Regex DigestPattern();
}
