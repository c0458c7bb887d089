namespace ImageRoll.ClusterSimulator.Registry;

/// <summary>
/// A distribution API request to the integrated registry: the repository <c>NAMESPACE/STREAM</c> (the image-registry
/// maps a repository to the image stream it names, pkg/dockerregistry/server/util.go <c>getNamespaceName</c>) and
/// the rest of the path (<c>manifests/REF</c>, <c>blobs/DIGEST</c>, <c>blobs/uploads/...</c>, <c>tags/list</c>).
/// </summary>
public sealed record RegistryRequest(string Namespace, string Stream, string Rest)
{
    public string Repository => $"{Namespace}/{Stream}";

    /// <summary>The reference of a manifest request (a tag or a digest), else null.</summary>
    public string? ManifestReference => Rest.StartsWith("manifests/", StringComparison.Ordinal) ? Rest["manifests/".Length..] : null;

    /// <summary>
    /// Parses <c>/v2/NS/STREAM/REST</c>; the repository is everything before the last <c>/manifests/</c>,
    /// <c>/blobs/</c> or <c>/tags/list</c> (distribution's route regexps). Null when it is not exactly two
    /// components (the integrated registry has no other repositories).
    /// </summary>
    public static RegistryRequest? Parse(string path)
    {
        if (!path.StartsWith("/v2/", StringComparison.Ordinal))
        {
            return null;
        }

        var rest = path["/v2/".Length..];
        var at = new[] { "/manifests/", "/blobs/", "/tags/list" }
            .Select(marker => rest.LastIndexOf(marker, StringComparison.Ordinal))
            .Where(i => i > 0)
            .DefaultIfEmpty(-1)
            .Max();
        if (at < 0)
        {
            return null;
        }

        var parts = rest[..at].Split('/');
        return parts.Length == 2 && parts.All(p => p.Length > 0) ? new RegistryRequest(parts[0], parts[1], rest[(at + 1)..]) : null;
    }
}
