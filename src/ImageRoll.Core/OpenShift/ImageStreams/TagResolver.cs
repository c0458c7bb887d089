using ImageRoll.OpenShift.Models;

namespace ImageRoll.OpenShift.ImageStreams;

/// <summary>
/// The pull spec the trigger controllers write for a stream tag: library-go pkg/image/imageutil/helpers.go
/// ResolveLatestTaggedImage. Take <c>status.tags[tag].items[0]</c> (none: nothing is written); with the spec tag's
/// <c>referencePolicy.type: Local</c> and both <c>status.dockerImageRepository</c> and <c>items[0].image</c> set, the
/// value is <c>REPO@IMAGE</c> through the integrated registry; otherwise <c>items[0].dockerImageReference</c>.
/// </summary>
public static class TagResolver
{
    public static string? ResolveLatestTaggedImage(ImageStream stream, string tag)
    {
        if (tag.Length == 0)
        {
            tag = "latest";
        }

        var latest = stream.StatusTag(tag)?.Items.FirstOrDefault();
        if (latest is null)
        {
            return null;
        }

        var spec = stream.SpecTag(tag);
        if (spec?.ReferencePolicy?.Type == "Local"
            && stream.Status.DockerImageRepository is { Length: > 0 } repo
            && latest.Image is { Length: > 0 } image)
        {
            return $"{StripTagOrDigest(repo)}@{image}";
        }

        return latest.DockerImageReference;
    }

    private static string StripTagOrDigest(string repo)
    {
        var at = repo.IndexOf('@', StringComparison.Ordinal);
        if (at >= 0)
        {
            repo = repo[..at];
        }

        var lastSlash = repo.LastIndexOf('/');
        var colon = repo.LastIndexOf(':');
        return colon > lastSlash ? repo[..colon] : repo;
    }
}
