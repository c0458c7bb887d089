using System.Diagnostics.CodeAnalysis;

namespace ImageRoll.Images;

/// <summary>
/// A normalised image reference <c>REGISTRY/REPOSITORY[:TAG][@DIGEST]</c>, parsed by the Docker reference grammar
/// (distribution/reference regexp.go, reference.go) with Docker Hub normalisation (normalize.go
/// ParseNormalizedNamed): <c>nginx</c> is <c>docker.io/library/nginx</c>. The registry is always explicit.
/// Error codes IR2100-IR2109 (digest problems IR2120-IR2122 come from <see cref="Images.Digest"/>).
/// </summary>
public sealed record ImageReference
{
    /// <summary>The canonical Docker Hub registry name used in references (normalize.go defaultDomain).</summary>
    public const string DockerHubRegistry = "docker.io";

    private const string Example = "registry.example.com:5000/team/app:1.2.3 (or nginx, or localhost:5000/app@sha256:<64 hex>)";

    private ImageReference(string registry, string repository, string? tag, string? digest)
    {
        Registry = registry;
        Repository = repository;
        Tag = tag;
        Digest = digest;
    }

    /// <summary>Host with optional port: <c>docker.io</c>, <c>127.0.0.1:5000</c>, <c>[::1]:5000</c>, <c>localhost</c>.</summary>
    public string Registry { get; }

    /// <summary>The path inside the registry, e.g. <c>library/nginx</c>.</summary>
    public string Repository { get; }

    public string? Tag { get; }

    /// <summary><c>algorithm:hex</c>, e.g. <c>sha256:...</c>, or null.</summary>
    public string? Digest { get; }

    /// <summary><c>REGISTRY/REPOSITORY</c>.</summary>
    public string Name => $"{Registry}/{Repository}";

    /// <summary>
    /// The name as Docker prints it (normalize.go familiarizeName): <c>docker.io/library/nginx</c> is
    /// <c>nginx</c>, <c>docker.io/user/app</c> is <c>user/app</c>; other registries keep the full name.
    /// </summary>
    public string FamiliarName
    {
        get
        {
            if (Registry != DockerHubRegistry)
            {
                return Name;
            }

            const string library = "library/";
            return Repository.StartsWith(library, StringComparison.Ordinal) && Repository.IndexOf('/', library.Length) < 0
                ? Repository[library.Length..]
                : Repository;
        }
    }

    /// <summary>Parses and normalises a reference; throws <see cref="ImageRollException"/> IR21xx (bad input) naming the bad part.</summary>
    public static ImageReference Parse(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        return ParseCore(text, throwOnError: true)!;
    }

    public static bool TryParse([NotNullWhen(true)] string? text, [NotNullWhen(true)] out ImageReference? reference)
    {
        reference = text is null ? null : ParseCore(text, throwOnError: false);
        return reference is not null;
    }

    /// <summary>Builds a reference from parts that are each validated (registry may be null for Docker Hub).</summary>
    public static ImageReference Create(string? registry, string repository, string? tag = null, string? digest = null)
    {
        var text = (registry is null ? repository : $"{registry}/{repository}")
            + (tag is null ? string.Empty : ":" + tag) + (digest is null ? string.Empty : "@" + digest);
        return Parse(text);
    }

    /// <summary><c>REGISTRY/REPOSITORY@digest</c>: the tag is dropped, as ParseDockerRef does for tag+digest.</summary>
    public ImageReference WithDigest(string digest)
    {
        Images.Digest.Validate(digest, $"the digest given for {Name}");
        return new ImageReference(Registry, Repository, null, digest);
    }

    /// <summary><c>REGISTRY/REPOSITORY:tag</c> (any digest is dropped: a new tag names different content).</summary>
    public ImageReference WithTag(string tag)
    {
        ArgumentNullException.ThrowIfNull(tag);
        if (!ReferenceGrammar.TagPattern().IsMatch(tag))
        {
            throw TagError($"{Name}:{tag}", tag);
        }

        return new ImageReference(Registry, Repository, tag, null);
    }

    /// <summary>The repository without tag or digest.</summary>
    public ImageReference WithoutTagOrDigest() => new(Registry, Repository, null, null);

    /// <summary>Canonical form <c>REGISTRY/REPOSITORY[:TAG][@DIGEST]</c> (docker.io stays explicit).</summary>
    public override string ToString() =>
        Name + (Tag is null ? string.Empty : ":" + Tag) + (Digest is null ? string.Empty : "@" + Digest);

    private static ImageReference? ParseCore(string text, bool throwOnError)
    {
        try
        {
            return ParseOrThrow(text);
        }
        catch (ImageRollException) when (!throwOnError)
        {
            return null;
        }
    }

    private static ImageReference ParseOrThrow(string text)
    {
        if (text.Length == 0)
        {
            throw Error(ImageErrors.EmptyReference, "Image reference is empty.", "Name an image, for example " + Example + ".");
        }

        if (ReferenceGrammar.Identifier().IsMatch(text))
        {
            throw Error(ImageErrors.ImageIdNotRepository, $"Image reference '{text}' is a 64-hex image ID, not a repository name.",
                $"Write a digest reference instead: REGISTRY/REPOSITORY@sha256:{text}.");
        }

        var rest = text;
        string? digest = null;
        var at = rest.IndexOf('@', StringComparison.Ordinal);
        if (at >= 0)
        {
            digest = rest[(at + 1)..];
            rest = rest[..at];
            Images.Digest.Validate(digest, $"image reference '{text}'");
        }

        // A tag follows the last ':' that has no '/' after it; an earlier ':' belongs to the registry's port.
        string? tag = null;
        var colon = rest.LastIndexOf(':');
        if (colon >= 0 && rest.IndexOf('/', colon) < 0 && !rest.EndsWith(']'))
        {
            tag = rest[(colon + 1)..];
            rest = rest[..colon];
            if (!ReferenceGrammar.TagPattern().IsMatch(tag))
            {
                throw TagError(text, tag);
            }
        }

        if (rest.Length == 0)
        {
            throw Error(ImageErrors.BadRepository, $"Image reference '{text}' has no repository name before its {(tag is null ? "digest" : "tag")}.",
                "Put the repository first, for example " + Example + ".");
        }

        var (registry, repository) = ReferenceGrammar.SplitDockerDomain(rest);
        ValidateRegistry(text, registry);
        ValidateRepository(text, repository);
        if (registry.Length + 1 + repository.Length > ReferenceGrammar.NameTotalLengthMax)
        {
            throw Error(ImageErrors.NameTooLong,
                $"Image name '{registry}/{repository}' in '{Shorten(text)}' is {registry.Length + 1 + repository.Length} characters long; the limit is {ReferenceGrammar.NameTotalLengthMax}.",
                "Use a shorter repository path.");
        }

        return new ImageReference(registry, repository, tag, digest);
    }

    private static void ValidateRegistry(string text, string registry)
    {
        if (ReferenceGrammar.Domain().IsMatch(registry))
        {
            return;
        }

        var hint = text.Contains("://", StringComparison.Ordinal)
            ? "Leave out the URL scheme: write registry.example.com/team/app, not https://registry.example.com/team/app."
            : "A registry is a host name or IPv4 address with an optional :PORT, or an IPv6 address in brackets "
              + "([::1]:5000, no zone); for example registry.example.com:5000/team/app.";
        throw Error(ImageErrors.BadRegistryHost, $"Image reference '{Shorten(text)}': registry '{registry}' is not a valid host[:port].", hint);
    }

    private static void ValidateRepository(string text, string repository)
    {
        foreach (var component in repository.Split('/'))
        {
            if (ReferenceGrammar.Component().IsMatch(component))
            {
                continue;
            }

            if (component.Length > 0 && ReferenceGrammar.Component().IsMatch(component.ToLowerInvariant()))
            {
                throw Error(ImageErrors.UpperCaseRepository,
                    $"Image reference '{Shorten(text)}': repository '{repository}' must be lower case ('{component}' is not).",
                    $"Write the repository in lower case: '{repository.ToLowerInvariant()}'.");
            }

            var why = component.Length == 0
                ? "an empty path component (a doubled or trailing '/')"
                : $"path component '{component}', which must be lower-case letters and digits joined by one '.', one or two '_', or '-'";
            throw Error(ImageErrors.BadRepository, $"Image reference '{Shorten(text)}': repository '{repository}' has {why}.",
                "Repository paths look like team/app or library/nginx-1.25; for example " + Example + ".");
        }
    }

    private static ImageRollException TagError(string text, string tag) =>
        Error(ImageErrors.BadTag,
            tag.Length == 0
                ? $"Image reference '{Shorten(text)}' has an empty tag after ':'."
                : $"Image reference '{Shorten(text)}': tag '{Shorten(tag)}' is not valid (letters, digits, '_', '.', '-'; first not '.' or '-'; at most 128).",
            "Use a tag such as 1.2.3, latest or build-42; for example " + Example + ".");

    private static ImageRollException Error(string code, string message, string hint) =>
        new(code, FailureKind.BadInput, message, hint);

    private static string Shorten(string s) => s.Length <= 300 ? s : s[..297] + "...";
}
