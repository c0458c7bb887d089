using System.Reflection;
using System.Text.RegularExpressions;
using ImageRoll.Core.Tests.Samples;

namespace ImageRoll.Core.Tests.Errors;

/// <summary>
/// Every IR code is defined once, as a constant of its area's catalogue (a class named <c>...Errors</c> or
/// <c>...Codes</c>, in a file of the same name; docs/architecture.md, House rules), and has a row in README.md's
/// troubleshooting table; every code README.md and docs/ name is defined. Throw sites refer to the constant; a second constant with the same code is allowed only
/// as a reference (<c>const string X = Other.Y</c>) listed in <see cref="References"/>. MSBuild targets cannot
/// refer to constants, so each <c>&lt;Error Code=...&gt;</c> must be a TaskErrors constant.
/// </summary>
public sealed partial class ErrorCatalogueTests
{
    /// <summary>Catalogue constants that name another catalogue's code: the release engine reports each step's own code.</summary>
    private static readonly Dictionary<string, string> References = new(StringComparer.Ordinal)
    {
        ["ReleaseErrors.Cancelled"] = "CommandErrors.Cancelled",
        ["ReleaseErrors.TagTimedOut"] = "ImageStreamErrors.ImportTimedOut",
        ["ReleaseErrors.RolloutTimedOut"] = "RolloutCodes.NotFinishedInTime",
        ["ReleaseErrors.RollbackTimedOut"] = "RolloutCodes.RollbackDeadline",
    };

    private static readonly string Src = Path.Combine(RepoFiles.Root, "src");

    [Fact]
    public void Catalogue_codes_are_IR_and_four_digits_and_unique_but_for_the_listed_references()
    {
        var codes = CatalogueConstants().ToList();

        Assert.True(codes.Count >= 170, $"only {codes.Count} catalogue constants found: the reflection is broken");
        Assert.Contains(("CommandErrors.Cancelled", "IR2099"), codes);
        Assert.Contains(("TaskErrors.HostNotSupported", "IR5001"), codes);
        var malformed = codes.Where(c => !CodeShape().IsMatch(c.Code)).Select(c => $"{c.Name} = {c.Code}").ToList();
        Assert.True(malformed.Count == 0, $"not of the form IRdddd: {string.Join(", ", malformed)}");
        var duplicates = new List<string>();
        foreach (var group in codes.GroupBy(c => c.Code).Where(g => g.Count() > 1))
        {
            var names = group.Select(c => c.Name).ToList();
            var defining = names.Where(n => !References.ContainsKey(n)).ToList();
            if (defining.Count != 1 || names.Where(References.ContainsKey).Any(n => References[n] != defining[0]))
            {
                duplicates.Add($"{group.Key}: {string.Join(", ", names)}");
            }
        }

        Assert.True(duplicates.Count == 0, $"codes defined more than once (give each code one constant; refer to it elsewhere):\n{string.Join('\n', duplicates)}");
        Assert.All(References, r => Assert.Equal(codes.Single(c => c.Name == r.Value).Code, codes.Single(c => c.Name == r.Key).Code));
    }

    [Fact]
    public void No_constant_outside_a_catalogue_holds_an_IR_code()
    {
        var outside = new[] { typeof(ImageRollException).Assembly, typeof(global::ImageRoll.Cli.CliApp).Assembly }
            .SelectMany(a => a.GetTypes())
            .Where(t => !IsCatalogue(t.Name))
            .SelectMany(t => Constants(t).Where(c => AnyCode().IsMatch(c.Code)))
            .Select(c => $"{c.Name} = {c.Code}")
            .ToList();

        Assert.True(outside.Count == 0, $"IR codes as constants outside a ...Errors/...Codes catalogue: {string.Join(", ", outside)}");
    }

    [Fact]
    public void Src_writes_each_code_as_a_literal_once_in_a_catalogue_constant_and_nowhere_else()
    {
        var problems = LiteralProblems(ErrorCodeScan.SourceFiles(Src).Where(f => f.Path.EndsWith(".cs", StringComparison.Ordinal)));

        Assert.True(problems.Count == 0, $"{problems.Count} IR literals not in their catalogue:\n{string.Join('\n', problems)}");
    }

    [Fact]
    public void The_literal_check_reports_a_literal_at_a_throw_site_and_a_code_defined_twice_and_ignores_comments()
    {
        (string, string)[] files =
        [
            ("Core/Images/ImageErrors.cs", """
                namespace X;
                /// <summary>"IR2199" in a doc comment is prose.</summary>
                public static class ImageErrors
                {
                    public const string BadTag = "IR2105";
                    public const string Alias = Other.Code;
                }
                """),
            ("Core/Images/ImageReference.cs", """
                namespace X;
                public sealed class ImageReference
                {
                    // "IR2108" in a comment is prose
                    public static void Empty() => throw new ImageRollException("IR2100", "empty");
                    public const string Local = "IR2101";
                }
                """),
            ("Core/Other/OtherCodes.cs", """
                namespace X;
                public static class OtherCodes { public const string Again = "IR2105"; }
                """),
        ];

        var problems = LiteralProblems(files);

        Assert.Equal(3, problems.Count);
        Assert.Contains("Core/Images/ImageReference.cs:5: \"IR2100\" outside a catalogue constant: define it in its area's ...Errors/...Codes class and refer to it", problems);
        Assert.Contains("Core/Images/ImageReference.cs:6: \"IR2101\" outside a catalogue constant: define it in its area's ...Errors/...Codes class and refer to it", problems);
        Assert.Contains("IR2105 is defined 2 times (Core/Images/ImageErrors.cs:5, Core/Other/OtherCodes.cs:2): keep one and refer to it", problems);
    }

    [Fact]
    public void Each_msbuild_error_code_is_a_TaskErrors_constant()
    {
        var taskErrors = TaskErrorsConstants().Select(c => c.Code).ToHashSet(StringComparer.Ordinal);
        var used = ErrorCodeScan.SourceFiles(Src)
            .Where(f => f.Path.EndsWith(".targets", StringComparison.Ordinal) || f.Path.EndsWith(".props", StringComparison.Ordinal))
            .SelectMany(f => MSBuildCode().Matches(XmlComment().Replace(f.Text, string.Empty)).Select(m => (f.Path, Code: m.Groups["code"].Value)))
            .ToList();

        Assert.Contains(used, u => u.Code == "IR5020");
        var missing = used.Where(u => !taskErrors.Contains(u.Code)).Select(u => $"{u.Path}: {u.Code}").ToList();
        Assert.True(missing.Count == 0, $"<Error Code=...> without a TaskErrors constant: {string.Join(", ", missing)}");
    }

    [Fact]
    public void Each_catalogue_code_has_a_row_in_the_readme_troubleshooting_table()
    {
        var malformed = new List<string>();
        var rows = ErrorCodeScan.TroubleshootingRows(File.ReadAllText(Path.Combine(RepoFiles.Root, "README.md")), malformed)
            .Select(r => r.Code).ToHashSet(StringComparer.Ordinal);

        // With TroubleshootingTableTests (no row for a code src/ cannot raise) this also rules out a constant nobody raises.
        var undocumented = CatalogueConstants().Where(c => !rows.Contains(c.Code)).Select(c => $"{c.Name} ({c.Code})").ToList();
        Assert.True(undocumented.Count == 0, $"catalogue codes without a row in README.md's troubleshooting table: {string.Join(", ", undocumented)}");
    }

    [Fact]
    public void Each_code_the_documentation_names_is_a_catalogue_code()
    {
        var defined = CatalogueConstants().Select(c => c.Code).ToHashSet(StringComparer.Ordinal);
        var pages = Directory.GetFiles(Path.Combine(RepoFiles.Root, "docs"), "*.md").Append(Path.Combine(RepoFiles.Root, "README.md")).ToList();
        var named = pages.SelectMany(page => File.ReadAllLines(page).SelectMany((line, i) =>
            AnyCode().Matches(line).Select(m => (Where: $"{Path.GetRelativePath(RepoFiles.Root, page)}:{i + 1}", Code: m.Value)))).ToList();

        Assert.True(named.Count > 200, $"only {named.Count} codes found in {pages.Count} pages: the scan is broken");
        var unknown = named.Where(n => !defined.Contains(n.Code)).Select(n => $"{n.Where}: {n.Code}").ToList();
        Assert.True(unknown.Count == 0, $"codes in the documentation that no catalogue defines (renamed or removed?):\n{string.Join('\n', unknown)}");
    }

    private static List<string> LiteralProblems(IEnumerable<(string Path, string Text)> files)
    {
        var problems = new List<string>();
        var definitions = new List<(string Code, string Where)>();
        foreach (var (path, text) in files)
        {
            var code = ErrorCodeScan.WithoutComments(text);
            var catalogue = IsCatalogue(Path.GetFileNameWithoutExtension(path));
            var declared = new HashSet<int>();
            foreach (Match m in ConstDeclaration().Matches(code))
            {
                declared.Add(m.Groups["code"].Index);
                if (catalogue)
                {
                    definitions.Add((m.Groups["code"].Value.Trim('"'), $"{path}:{Line(code, m.Index)}"));
                }
            }

            foreach (Match m in CodeLiteral().Matches(code))
            {
                if (!catalogue || !declared.Contains(m.Index))
                {
                    problems.Add($"{path}:{Line(code, m.Index)}: {m.Value} outside a catalogue constant: define it in its area's ...Errors/...Codes class and refer to it");
                }
            }
        }

        foreach (var group in definitions.GroupBy(d => d.Code).Where(g => g.Count() > 1))
        {
            problems.Add($"{group.Key} is defined {group.Count()} times ({string.Join(", ", group.Select(d => d.Where))}): keep one and refer to it");
        }

        return problems;
    }

    /// <summary>The code constants of the catalogues of Core and the CLI (by reflection) and of TaskErrors (from its source).</summary>
    private static IEnumerable<(string Name, string Code)> CatalogueConstants()
    {
        // The Tasks assembly is not loaded here (it needs MSBuild); the literal check keeps its codes in TaskErrors.cs.
        var reflected = new[] { typeof(ImageRollException).Assembly, typeof(global::ImageRoll.Cli.CliApp).Assembly }
            .SelectMany(a => a.GetTypes())
            .Where(t => IsCatalogue(t.Name))
            .SelectMany(Constants)
            .Where(c => !c.Name.EndsWith("Hint", StringComparison.Ordinal));
        return reflected.Concat(TaskErrorsConstants());
    }

    private static IEnumerable<(string Name, string Code)> Constants(Type type) =>
        type.GetFields(BindingFlags.Public | BindingFlags.NonPublic | BindingFlags.Static | BindingFlags.DeclaredOnly)
            .Where(f => f.IsLiteral && f.FieldType == typeof(string))
            .Select(f => ($"{type.Name}.{f.Name}", (string)f.GetRawConstantValue()!));

    private static IEnumerable<(string Name, string Code)> TaskErrorsConstants() =>
        ConstDeclaration().Matches(File.ReadAllText(Path.Combine(Src, "ImageRoll.Tasks", "TaskErrors.cs")))
            .Select(m => ($"TaskErrors.{m.Groups["name"].Value}", m.Groups["code"].Value.Trim('"')));

    private static bool IsCatalogue(string name) =>
        name.EndsWith("Errors", StringComparison.Ordinal) || name.EndsWith("Codes", StringComparison.Ordinal);

    private static int Line(string text, int index) => 1 + text.AsSpan(0, index).Count('\n');

    [GeneratedRegex(@"^IR\d{4}$", RegexOptions.CultureInvariant)]
    private static partial Regex CodeShape();

    [GeneratedRegex(@"IR\d{4}", RegexOptions.CultureInvariant)]
    private static partial Regex AnyCode();

    [GeneratedRegex(@"""IR\d{4}""", RegexOptions.CultureInvariant)]
    private static partial Regex CodeLiteral();

    [GeneratedRegex(@"\bconst\s+string\s+(?<name>@?\w+)\s*=\s*(?<code>""IR\d{4}"")\s*;", RegexOptions.CultureInvariant)]
    private static partial Regex ConstDeclaration();

    [GeneratedRegex(@"<!--.*?-->", RegexOptions.Singleline | RegexOptions.CultureInvariant)]
    private static partial Regex XmlComment();

    [GeneratedRegex(@"\bCode\s*=\s*""(?<code>IR\d{4})""", RegexOptions.CultureInvariant)]
    private static partial Regex MSBuildCode();
}
