using System.Text.RegularExpressions;

namespace ImageRoll.Core.Tests.Samples;

/// <summary>
/// The IR codes the sources can raise, and the rows of README.md's troubleshooting table, so that a test can hold the
/// two together. A code can be raised when it is written as a whole string literal (<c>"IR2104"</c>) in C# code
/// outside comments, when it is a <c>const string</c> (<c>public const string BadTag = "IR2105"</c>, in a catalogue
/// class or anywhere) that something refers to (<c>ImageErrors.BadTag</c> anywhere, the bare name in its own file or
/// in a file that imports the class with <c>using static</c>), or when an MSBuild file raises it
/// (<c>&lt;Error Code="IR5001" ... /&gt;</c>). A constant nobody refers to cannot be raised and is not counted.
/// </summary>
public static partial class ErrorCodeScan
{
    private static readonly string[] SkippedDirectories = ["bin", "obj"];

    /// <summary>The C# and MSBuild files under <paramref name="folder"/> (build output excluded), as (path from the folder's parent, text).</summary>
    public static IEnumerable<(string Path, string Text)> SourceFiles(string folder)
    {
        foreach (var file in Directory.EnumerateFiles(folder, "*", SearchOption.AllDirectories).Order(StringComparer.Ordinal))
        {
            var relative = Path.GetRelativePath(folder, file).Replace('\\', '/');
            if (relative.Split('/').SkipLast(1).Any(SkippedDirectories.Contains))
            {
                continue;
            }

            if (IsCSharp(file) || IsMSBuild(file))
            {
                yield return ($"{Path.GetFileName(Path.TrimEndingDirectorySeparator(folder))}/{relative}", File.ReadAllText(file));
            }
        }
    }

    /// <summary>Every code the files can raise, with one place that raises it (<c>path:line</c>).</summary>
    public static SortedDictionary<string, string> Raisable(IEnumerable<(string Path, string Text)> files)
    {
        var raisable = new SortedDictionary<string, string>(StringComparer.Ordinal);
        var csharp = new List<(string Path, string Code)>();
        foreach (var (path, text) in files)
        {
            if (IsCSharp(path))
            {
                csharp.Add((path, WithoutComments(text)));
            }
            else if (IsMSBuild(path))
            {
                var xml = XmlComment().Replace(text, m => new string('\n', m.Value.Count(c => c == '\n')));
                foreach (Match m in MSBuildCode().Matches(xml))
                {
                    raisable.TryAdd(m.Groups["code"].Value, $"{path}:{Line(xml, m.Index)}");
                }
            }
        }

        var constants = new List<(string Path, string Class, string Name, string Code, int Index)>();
        foreach (var (path, code) in csharp)
        {
            var declared = new HashSet<int>();
            foreach (Match m in ConstDeclaration().Matches(code))
            {
                var literal = m.Groups["code"];
                declared.Add(literal.Index);
                constants.Add((path, EnclosingClass(code, m.Index), m.Groups["name"].Value, literal.Value.Trim('"'), m.Index));
            }

            foreach (Match m in CodeLiteral().Matches(code))
            {
                if (!declared.Contains(m.Index))
                {
                    raisable.TryAdd(m.Value.Trim('"'), $"{path}:{Line(code, m.Index)}");
                }
            }
        }

        foreach (var c in constants)
        {
            var use = Uses(csharp, c.Path, c.Class, c.Name);
            if (use is not null)
            {
                raisable.TryAdd(c.Code, $"{c.Path}:{Line(csharp.First(f => f.Path == c.Path).Code, c.Index)} ({c.Class}.{c.Name}, used at {use})");
            }
        }

        return raisable;
    }

    /// <summary>One row of the troubleshooting table: the code cell, the other cells, and the README line.</summary>
    public sealed record Row(string Code, IReadOnlyList<string> Cells, int Line);

    /// <summary>
    /// The table rows of the <c>## Troubleshooting</c> section of <paramref name="markdown"/> (up to the next
    /// <c>## </c> heading) whose first cell names an IR code; <paramref name="malformed"/> gets the rows whose first
    /// cell mentions a code but is not exactly one (<c>IR3340 / IR3341</c>: one row each).
    /// </summary>
    public static List<Row> TroubleshootingRows(string markdown, List<string> malformed)
    {
        var rows = new List<Row>();
        var lines = markdown.ReplaceLineEndings("\n").Split('\n');
        var start = Array.FindIndex(lines, l => TroubleshootingHeading().IsMatch(l));
        if (start < 0)
        {
            malformed.Add("README.md has no '## Troubleshooting' section");
            return rows;
        }

        for (var i = start + 1; i < lines.Length && !lines[i].StartsWith("## ", StringComparison.Ordinal); i++)
        {
            var line = lines[i].Trim();
            if (!line.StartsWith('|'))
            {
                continue;
            }

            var cells = Cells(line);
            var first = cells.Count > 0 ? cells[0].Trim('`', ' ', '*') : string.Empty;
            if (SingleCode().IsMatch(first))
            {
                rows.Add(new Row(first, cells.Skip(1).ToList(), i + 1));
            }
            else if (AnyCode().IsMatch(first))
            {
                malformed.Add($"README.md:{i + 1}: the first cell '{cells[0]}' is not one IR code");
            }
        }

        return rows;
    }

    /// <summary>What is wrong between the codes <paramref name="raisable"/> and the table's rows; empty when they agree.</summary>
    public static List<string> Problems(IReadOnlyDictionary<string, string> raisable, IReadOnlyList<Row> rows)
    {
        var problems = new List<string>();
        foreach (var (code, where) in raisable)
        {
            if (!rows.Any(r => r.Code == code))
            {
                problems.Add($"{code} (raised at {where}) has no row in README.md's troubleshooting table: add '| {code} | what it means | the fix |'");
            }
        }

        foreach (var row in rows.Where(r => !raisable.ContainsKey(r.Code)))
        {
            problems.Add($"README.md:{row.Line}: {row.Code} is not raised anywhere in src/ (a stale row): remove it");
        }

        foreach (var group in rows.GroupBy(r => r.Code).Where(g => g.Count() > 1))
        {
            problems.Add($"{group.Key} has {group.Count()} rows (README.md lines {string.Join(", ", group.Select(r => r.Line))}): keep one");
        }

        foreach (var row in rows.Where(r => r.Cells.Count != 2 || r.Cells.Any(c => c.Length == 0)))
        {
            problems.Add($"README.md:{row.Line}: {row.Code} needs exactly two more cells, what it means and the fix, both filled");
        }

        return problems;
    }

    /// <summary>
    /// Where a constant is used, or null: <c>Class.Name</c> anywhere, or the bare name (not being assigned, as in its
    /// own declaration) in its own file or in a file with <c>using static</c> of the class.
    /// </summary>
    private static string? Uses(List<(string Path, string Code)> csharp, string path, string @class, string name)
    {
        var qualified = new Regex($@"\b{Regex.Escape(@class)}\s*\.\s*{Regex.Escape(name)}\b", RegexOptions.CultureInvariant);
        var bare = new Regex($@"(?<![\w.@]){Regex.Escape(name)}\b(?!\s*=[^=>])", RegexOptions.CultureInvariant);
        var importsClass = new Regex($@"using\s+static\s+[\w.]*\b{Regex.Escape(@class)}\s*;", RegexOptions.CultureInvariant);
        foreach (var (file, code) in csharp)
        {
            var use = qualified.Match(code);
            if (!use.Success && (file == path || importsClass.IsMatch(code)))
            {
                use = bare.Match(code);
            }

            if (use.Success)
            {
                return $"{file}:{Line(code, use.Index)}";
            }
        }

        return null;
    }

    /// <summary>The name of the innermost class, struct, record or interface declared before <paramref name="index"/>.</summary>
    private static string EnclosingClass(string code, int index)
    {
        var last = TypeDeclaration().Matches(code[..index]).LastOrDefault();
        return last?.Groups["name"].Value ?? string.Empty;
    }

    /// <summary>C# without its comments: lines that are a comment (<c>//</c>, <c>///</c>, <c>/* ... */</c>) become empty, so codes in prose do not count.</summary>
    public static string WithoutComments(string text)
    {
        var lines = text.ReplaceLineEndings("\n").Split('\n');
        var inBlock = false;
        for (var i = 0; i < lines.Length; i++)
        {
            var trimmed = lines[i].TrimStart();
            if (inBlock)
            {
                inBlock = !trimmed.Contains("*/", StringComparison.Ordinal);
                lines[i] = string.Empty;
            }
            else if (trimmed.StartsWith("//", StringComparison.Ordinal))
            {
                lines[i] = string.Empty;
            }
            else if (trimmed.StartsWith("/*", StringComparison.Ordinal))
            {
                inBlock = !trimmed.Contains("*/", StringComparison.Ordinal);
                lines[i] = string.Empty;
            }
        }

        return string.Join('\n', lines);
    }

    private static List<string> Cells(string row)
    {
        var cells = new List<string>();
        var current = new System.Text.StringBuilder();
        for (var i = 1; i < row.Length; i++)
        {
            if (row[i] == '\\' && i + 1 < row.Length && row[i + 1] == '|')
            {
                current.Append('|');
                i++;
            }
            else if (row[i] == '|')
            {
                cells.Add(current.ToString().Trim());
                current.Clear();
            }
            else
            {
                current.Append(row[i]);
            }
        }

        if (current.ToString().Trim().Length > 0)
        {
            cells.Add(current.ToString().Trim());
        }

        return cells;
    }

    private static int Line(string text, int index) => 1 + text.AsSpan(0, index).Count('\n');

    private static bool IsCSharp(string path) => path.EndsWith(".cs", StringComparison.OrdinalIgnoreCase);

    private static bool IsMSBuild(string path) =>
        path.EndsWith(".targets", StringComparison.OrdinalIgnoreCase) || path.EndsWith(".props", StringComparison.OrdinalIgnoreCase)
        || path.EndsWith("proj", StringComparison.OrdinalIgnoreCase);

    [GeneratedRegex(@"""IR\d{4}""", RegexOptions.CultureInvariant)]
    private static partial Regex CodeLiteral();

    [GeneratedRegex(@"\bconst\s+string\s+(?<name>@?\w+)\s*=\s*(?<code>""IR\d{4}"")\s*;", RegexOptions.CultureInvariant)]
    private static partial Regex ConstDeclaration();

    [GeneratedRegex(@"\b(?:class|struct|record|interface)\s+(?<name>\w+)", RegexOptions.CultureInvariant)]
    private static partial Regex TypeDeclaration();

    [GeneratedRegex(@"\bCode\s*=\s*""(?<code>IR\d{4})""", RegexOptions.CultureInvariant)]
    private static partial Regex MSBuildCode();

    [GeneratedRegex(@"<!--.*?-->", RegexOptions.Singleline | RegexOptions.CultureInvariant)]
    private static partial Regex XmlComment();

    [GeneratedRegex(@"^##\s+Troubleshooting\b", RegexOptions.CultureInvariant)]
    private static partial Regex TroubleshootingHeading();

    [GeneratedRegex(@"^IR\d{4}$", RegexOptions.CultureInvariant)]
    private static partial Regex SingleCode();

    [GeneratedRegex(@"IR\d{4}", RegexOptions.CultureInvariant)]
    private static partial Regex AnyCode();
}
