using System.Text;
using System.Text.RegularExpressions;

namespace ImageRoll.Build;

/// <summary>
/// One .dockerignore pattern, matched exactly as moby/patternmatcher does (patternmatcher.go, Pattern.compile and
/// Pattern.match): <c>*</c> and <c>?</c> never cross '/', <c>**</c> crosses any number of directories (a leading
/// <c>**/</c> also matches at the top), <c>[...]</c> is a character class, <c>\</c> escapes, a pattern without
/// wildcards matches that exact path, and a trailing <c>**</c> is a prefix match.
/// </summary>
public sealed class DockerIgnorePattern
{
    private readonly MatchType _type;
    private readonly Regex? _regex;

    private DockerIgnorePattern(string cleaned, bool exclusion, MatchType type, Regex? regex)
    {
        Cleaned = cleaned;
        IsExclusion = exclusion;
        _type = type;
        _regex = regex;
    }

    private enum MatchType
    {
        Exact,
        Prefix,
        Suffix,
        Regex,
    }

    /// <summary>The pattern after cleaning, without its '!'.</summary>
    public string Cleaned { get; }

    /// <summary>A '!' pattern: re-includes what earlier patterns excluded.</summary>
    public bool IsExclusion { get; }

    /// <summary>Parses one pattern as patternmatcher.NewPatternMatcher does (after the ignore file's own cleaning).</summary>
    public static DockerIgnorePattern? Create(string pattern)
    {
        ArgumentNullException.ThrowIfNull(pattern);
        var p = pattern.Trim();
        if (p.Length == 0)
        {
            return null;
        }

        p = DockerIgnore.CleanPath(p);
        var exclusion = false;
        if (p[0] == '!')
        {
            if (p.Length == 1)
            {
                throw Bad(pattern, "'!' alone excludes nothing");
            }

            exclusion = true;
            p = p[1..];
        }

        var (type, regex) = Compile(pattern, p);
        return new DockerIgnorePattern(p, exclusion, type, regex);
    }

    /// <summary>Whether this pattern matches the path (relative, '/'-separated, cleaned).</summary>
    public bool Matches(string path)
    {
        ArgumentNullException.ThrowIfNull(path);
        switch (_type)
        {
            case MatchType.Exact:
                return path == Cleaned;
            case MatchType.Prefix:
                return path.StartsWith(Cleaned[..^2], StringComparison.Ordinal);
            case MatchType.Suffix:
                var suffix = Cleaned[2..];
                if (path.EndsWith(suffix, StringComparison.Ordinal))
                {
                    return true;
                }

                // "**/foo" matches "foo".
                return suffix.Length > 0 && suffix[0] == '/' && path == suffix[1..];
            default:
                return _regex!.IsMatch(path);
        }
    }

    public override string ToString() => (IsExclusion ? "!" : string.Empty) + Cleaned;

    private static (MatchType Type, Regex? Regex) Compile(string original, string p)
    {
        var re = new StringBuilder("^");
        var type = MatchType.Exact;
        for (var i = 0; i < p.Length; i++)
        {
            var ch = p[i];
            if (ch == '*')
            {
                if (i + 1 < p.Length && p[i + 1] == '*')
                {
                    var start = i;
                    i++;
                    // "**/" is treated as "**": the slash is eaten.
                    if (i + 1 < p.Length && p[i + 1] == '/')
                    {
                        i++;
                    }

                    if (i + 1 >= p.Length)
                    {
                        // "**" at the end: everything below (as .gitignore).
                        if (type == MatchType.Exact)
                        {
                            type = MatchType.Prefix;
                        }
                        else
                        {
                            re.Append(".*");
                            type = MatchType.Regex;
                        }
                    }
                    else
                    {
                        // Any number of directories, including none.
                        re.Append("(.*/)?");
                        type = MatchType.Regex;
                    }

                    if (start == 0)
                    {
                        type = MatchType.Suffix;
                    }
                }
                else
                {
                    re.Append("[^/]*");
                    type = MatchType.Regex;
                }
            }
            else if (ch == '?')
            {
                re.Append("[^/]");
                type = MatchType.Regex;
            }
            else if (ch is '.' or '$' or '+' or '(' or ')' or '{' or '}' or '|')
            {
                // patternmatcher's shouldEscape: regexp specials with no meaning in filepath.Match.
                re.Append('\\').Append(ch);
            }
            else if (ch == '\\')
            {
                if (i + 1 < p.Length)
                {
                    re.Append('\\').Append(p[++i]);
                    type = MatchType.Regex;
                }
                else
                {
                    re.Append("\\\\");
                }
            }
            else if (ch is '[' or ']')
            {
                re.Append(ch);
                type = MatchType.Regex;
            }
            else
            {
                re.Append(ch);
            }
        }

        if (type != MatchType.Regex)
        {
            return (type, null);
        }

        re.Append('$');
        try
        {
            // Go's regexp has no backtracking; a timeout keeps .NET's from running away on a hostile pattern.
            return (type, new Regex(re.ToString(), RegexOptions.CultureInvariant, TimeSpan.FromSeconds(1)));
        }
        catch (ArgumentException ex)
        {
            throw Bad(original, ex.Message);
        }
    }

    private static ImageRollException Bad(string pattern, string why) => new(
        Docker.DockerErrors.BadIgnorePattern, FailureKind.BadInput,
        $".dockerignore pattern '{pattern}' is malformed: {why}.",
        "Fix or remove the line; patterns follow Go's filepath.Match plus '**' (https://docs.docker.com/build/concepts/context/#dockerignore-files).");
}
