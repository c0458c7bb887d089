using System.Text.RegularExpressions;

namespace ImageRoll.OpenShift.ImageStreams;

/// <summary>An image stream tag named on the command line: <c>STREAM:TAG</c> or <c>NS/STREAM:TAG</c> (as <c>oc tag</c> takes it).</summary>
public sealed partial record StreamTagRef(string Stream, string Tag, string? Namespace = null)
{
    /// <summary>The ImageStreamTag object name, <c>stream:tag</c>.</summary>
    public string IstagName => $"{Stream}:{Tag}";

    public static StreamTagRef Parse(string text, string? defaultNamespace = null)
    {
        var m = Pattern().Match(text);
        if (!m.Success)
        {
            throw new ImageRollException(ImageStreamErrors.BadStreamTag, FailureKind.BadInput,
                $"'{Kubernetes.KubeNames.Shown(text)}' is not an image stream tag of the form STREAM:TAG (or NAMESPACE/STREAM:TAG).",
                "Name the stream and the tag, for example example:latest; stream names are lower-case DNS names, tags at most 128 of [A-Za-z0-9_.-].");
        }

        if (m.Groups["ns"].Success)
        {
            Kubernetes.KubeNames.ValidateNamespace(m.Groups["ns"].Value, $"the namespace part of '{Kubernetes.KubeNames.Shown(text)}'");
        }

        var ns = m.Groups["ns"].Success ? m.Groups["ns"].Value : defaultNamespace;
        return new StreamTagRef(m.Groups["stream"].Value, m.Groups["tag"].Value, ns);
    }

    public override string ToString() => Namespace is null ? IstagName : $"{Namespace}/{IstagName}";

    [GeneratedRegex("^(?:(?<ns>[a-z0-9]([-a-z0-9]*[a-z0-9])?)/)?(?<stream>[a-z0-9]([-a-z0-9.]*[a-z0-9])?):(?<tag>[A-Za-z0-9_][A-Za-z0-9_.-]{0,127})$")]
    private static partial Regex Pattern();
}
