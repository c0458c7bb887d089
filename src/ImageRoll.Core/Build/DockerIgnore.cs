namespace ImageRoll.Build;

/// <summary>
/// A parsed .dockerignore: reading as moby/patternmatcher/ignorefile.ReadAll (a BOM trimmed, lines starting with '#'
/// are comments, whitespace trimmed, paths cleaned with Go's filepath.Clean, a leading '/' dropped, '!' kept),
/// matching as PatternMatcher.MatchesOrParentMatches (the last matching pattern wins, and a pattern that matches a
/// parent directory matches everything below it).
/// </summary>
public sealed class DockerIgnore
{
    private readonly List<DockerIgnorePattern> _patterns;

    public DockerIgnore(IEnumerable<string> patterns)
    {
        ArgumentNullException.ThrowIfNull(patterns);
        _patterns = patterns.Select(DockerIgnorePattern.Create).OfType<DockerIgnorePattern>().ToList();
        HasExclusions = _patterns.Any(p => p.IsExclusion);
    }

    public static DockerIgnore Empty { get; } = new([]);

    public IReadOnlyList<DockerIgnorePattern> Patterns => _patterns;

    /// <summary>Whether any '!' pattern exists (an excluded directory must then still be walked).</summary>
    public bool HasExclusions { get; }

    /// <summary>Reads CONTEXT/.dockerignore (absent: nothing is ignored).</summary>
    public static DockerIgnore Load(string contextDirectory)
    {
        var path = Path.Combine(contextDirectory, ".dockerignore");
        return File.Exists(path) ? new DockerIgnore(ReadLines(File.ReadAllText(path))) : Empty;
    }

    /// <summary>ignorefile.ReadAll: the patterns of a .dockerignore file's text.</summary>
    public static IReadOnlyList<string> ReadLines(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        var result = new List<string>();
        var first = true;
        foreach (var rawLine in text.Split('\n'))
        {
            var line = rawLine;
            if (first)
            {
                line = line.TrimStart('\uFEFF');
                first = false;
            }

            if (line.StartsWith('#'))
            {
                continue;
            }

            line = line.Trim();
            if (line.Length == 0)
            {
                continue;
            }

            var invert = line[0] == '!';
            if (invert)
            {
                line = line[1..].Trim();
            }

            if (line.Length > 0)
            {
                line = CleanPath(line);
                if (line.Length > 1 && line[0] == '/')
                {
                    line = line[1..];
                }
            }

            result.Add(invert ? "!" + line : line);
        }

        return result;
    }

    /// <summary>Whether a context path (relative, '/'-separated) is excluded from the build context.</summary>
    public bool IsExcluded(string relativePath)
    {
        ArgumentNullException.ThrowIfNull(relativePath);
        var matched = false;
        var slash = relativePath.LastIndexOf('/');
        var parentDirs = slash < 0 ? [] : relativePath[..slash].Split('/');
        foreach (var pattern in _patterns)
        {
            // Only a pattern that could change the verdict is evaluated (patternmatcher does the same).
            if (pattern.IsExclusion != matched)
            {
                continue;
            }

            var match = pattern.Matches(relativePath);
            for (var i = 0; !match && i < parentDirs.Length; i++)
            {
                match = pattern.Matches(string.Join('/', parentDirs, 0, i + 1));
            }

            if (match)
            {
                matched = !pattern.IsExclusion;
            }
        }

        return matched;
    }

    /// <summary>
    /// Whether an excluded directory must still be walked because a '!' pattern may re-include something below it
    /// (moby pkg/archive TarWithOptions: a pattern starting with "dir/").
    /// </summary>
    public bool MayReincludeBelow(string directory)
    {
        var prefix = directory + "/";
        return _patterns.Any(p => p.IsExclusion && (p.Cleaned + "/").StartsWith(prefix, StringComparison.Ordinal));
    }

    /// <summary>Go's path/filepath.Clean for '/'-separated paths.</summary>
    public static string CleanPath(string path)
    {
        ArgumentNullException.ThrowIfNull(path);
        if (path.Length == 0)
        {
            return ".";
        }

        var rooted = path[0] == '/';
        var parts = new List<string>();
        foreach (var part in path.Split('/'))
        {
            if (part.Length == 0 || part == ".")
            {
                continue;
            }

            if (part == "..")
            {
                if (parts.Count > 0 && parts[^1] != "..")
                {
                    parts.RemoveAt(parts.Count - 1);
                }
                else if (!rooted)
                {
                    parts.Add(part);
                }

                continue;
            }

            parts.Add(part);
        }

        var joined = string.Join('/', parts);
        return rooted ? "/" + joined : joined.Length == 0 ? "." : joined;
    }
}
