using System.Text.RegularExpressions;

namespace ImageRoll.Images;

/// <summary>
/// The Docker reference grammar, transcribed from distribution/reference regexp.go. Go's <c>\w</c> is ASCII only,
/// so it is spelled out as <c>[A-Za-z0-9_]</c> here (.NET's <c>\w</c> would accept any Unicode letter).
/// </summary>
internal static partial class ReferenceGrammar
{
    /// <summary>NameTotalLengthMax in reference.go: the whole name, registry included.</summary>
    public const int NameTotalLengthMax = 255;

    // domainNameComponent, domainName, ipv6address, optionalPort (regexp.go).
    private const string DomainNameComponent = "(?:[a-zA-Z0-9]|[a-zA-Z0-9][a-zA-Z0-9-]*[a-zA-Z0-9])";
    private const string DomainName = DomainNameComponent + @"(?:\." + DomainNameComponent + ")*";
    private const string Ipv6Address = @"\[(?:[a-fA-F0-9:]+)\]";
    private const string DomainAndPort = "(?:" + DomainName + "|" + Ipv6Address + ")(?::[0-9]+)?";

    // pathComponent = alphanumeric (separator alphanumeric)*; separator = one '.', one or two '_', any run of '-'.
    private const string PathComponent = "[a-z0-9]+(?:(?:[._]|__|[-]+)[a-z0-9]+)*";

    // tag = [\w][\w.-]{0,127}
    private const string Tag = "[A-Za-z0-9_][A-Za-z0-9_.-]{0,127}";

    // digestPat: algorithm components, ':', at least 32 hex digits (algorithm support is checked by Digest).
    private const string DigestPattern = "[A-Za-z][A-Za-z0-9]*(?:[-_+.][A-Za-z][A-Za-z0-9]*)*[:][0-9a-fA-F]{32,}";

    [GeneratedRegex("^" + DomainAndPort + "$", RegexOptions.CultureInvariant)]
    public static partial Regex Domain();

    [GeneratedRegex("^" + PathComponent + "$", RegexOptions.CultureInvariant)]
    public static partial Regex Component();

    [GeneratedRegex("^" + Tag + "$", RegexOptions.CultureInvariant)]
    public static partial Regex TagPattern();

    [GeneratedRegex("^" + DigestPattern + "$", RegexOptions.CultureInvariant)]
    public static partial Regex DigestShape();

    /// <summary>anchoredIdentifierRegexp: a bare 64-hex image ID, which ParseNormalizedNamed refuses as a name.</summary>
    [GeneratedRegex("^[a-f0-9]{64}$", RegexOptions.CultureInvariant)]
    public static partial Regex Identifier();

    /// <summary>
    /// splitDockerDomain (normalize.go): the first path element is a registry only when it is <c>localhost</c>,
    /// contains '.' or ':', or is not lower case; <c>index.docker.io</c> becomes <c>docker.io</c>, and a single
    /// element on Docker Hub gains the <c>library/</c> prefix.
    /// </summary>
    public static (string Domain, string Remote) SplitDockerDomain(string name)
    {
        var slash = name.IndexOf('/', StringComparison.Ordinal);
        if (slash < 0)
        {
            return (ImageReference.DockerHubRegistry, "library/" + name);
        }

        var maybeDomain = name[..slash];
        var rest = name[(slash + 1)..];
        string domain;
        string remote;
        if (maybeDomain == "localhost" || maybeDomain.Contains('.', StringComparison.Ordinal)
            || maybeDomain.Contains(':', StringComparison.Ordinal) || !maybeDomain.Equals(maybeDomain.ToLowerInvariant(), StringComparison.Ordinal))
        {
            domain = maybeDomain == "index.docker.io" ? ImageReference.DockerHubRegistry : maybeDomain;
            remote = rest;
        }
        else
        {
            domain = ImageReference.DockerHubRegistry;
            remote = name;
        }

        if (domain == ImageReference.DockerHubRegistry && !remote.Contains('/', StringComparison.Ordinal))
        {
            remote = "library/" + remote;
        }

        return (domain, remote);
    }
}
