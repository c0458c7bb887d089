using System.Text.RegularExpressions;

namespace ImageRoll.Core.Tests.Repository;

/// <summary>
/// The repository carries its own facts: no comment, doc or script may send a maintainer to a file outside it (notes
/// that lived next to the checkout, absolute paths of one machine, Markdown links that climb out of the root). Cite the
/// upstream source file and function, or a section of docs/, instead.
/// </summary>
public sealed partial class SelfContainedReferencesTests
{
    private static readonly string[] SkippedDirectories =
        ["bin", "obj", ".vs", ".idea", "TestResults", "BenchmarkDotNet.Artifacts", "node_modules"];

    private static readonly string[] SkippedRootPaths = [".services", "artifacts", Path.Combine("nuget", "packages")];

    /// <summary>This file names the patterns it looks for.</summary>
    private static readonly string Self = Path.Combine("tests", "ImageRoll.Core.Tests", "Repository", "SelfContainedReferencesTests.cs");

    [Fact]
    public void No_file_points_at_a_file_outside_the_repository()
    {
        var root = RepoRoot();
        var offences = new List<string>();
        var scanned = 0;
        foreach (var file in TextFiles(root))
        {
            var relative = Path.GetRelativePath(root, file);
            if (relative == Self)
            {
                continue;
            }

            scanned++;
            var lines = File.ReadAllLines(file);
            for (var i = 0; i < lines.Length; i++)
            {
                foreach (Match m in OutsidePointer().Matches(lines[i]))
                {
                    offences.Add($"{relative}:{i + 1}: '{m.Value}' in: {lines[i].Trim()}");
                }

                if (file.EndsWith(".md", StringComparison.OrdinalIgnoreCase))
                {
                    offences.AddRange(LinksLeavingTheRoot(root, file, lines[i]).Select(l => $"{relative}:{i + 1}: link '{l}' leaves the repository"));
                }
            }
        }

        Assert.True(scanned > 100, $"only {scanned} files scanned under {root}: the walk is broken");
        Assert.True(offences.Count == 0,
            "Cite the upstream source (repository, file, function) or a section of docs/ instead:\n" + string.Join('\n', offences));
    }

    [Theory]
    [InlineData("// see OPENSHIFT-FACTS.md for the trigger rules")]
    [InlineData("/// (REAL-SHAPES.md: items null)")]
    [InlineData("# measured, KUBECTL-NEEDS.md")]
    [InlineData("(ARCHITECTURE.md, \"Streams\")")]
    [InlineData("per ENVIRONMENT.md")]
    [InlineData("house rules in STYLE.md")]
    [InlineData("the facts in ../shared/notes.md")]
    [InlineData("read /work/team/notes first")]
    [InlineData("as in §3")]
    public void The_patterns_catch_each_kind_of_outside_pointer(string line) =>
        Assert.Matches(OutsidePointer(), line);

    [Theory]
    [InlineData("See [architecture](docs/architecture.md) and `docs/architecture.md`.")]
    [InlineData("$dotnet_root/shared/Microsoft.NETCore.App")]
    [InlineData("default ~/.kube/config")]
    public void The_patterns_leave_the_repository_own_references_alone(string line) =>
        Assert.DoesNotMatch(OutsidePointer(), line);

    [Fact]
    public void A_markdown_link_that_climbs_out_of_the_root_is_caught()
    {
        var root = RepoRoot();
        var doc = Path.Combine(root, "docs", "x.md");
        Assert.Single(LinksLeavingTheRoot(root, doc, "see [notes](../../shared/FACTS.md#1)"));
        Assert.Empty(LinksLeavingTheRoot(root, doc, "see [rollouts](rollouts.md#status) and [up](../README.md) and [web](https://kubernetes.io/docs/)"));
    }

    // The briefing notes' names (upper case, as they were cited), relative climbs into a "shared" folder, absolute
    // paths of the build machine, and the section sign those notes were cited with.
    [GeneratedRegex(@"OPENSHIFT-FACTS|REAL-SHAPES|KUBECTL-NEEDS|\bARCHITECTURE\.md|\bENVIRONMENT\.md|\bSTYLE\.md|(\.\./)+shared\b|/work/[a-z]|§", RegexOptions.CultureInvariant)]
    private static partial Regex OutsidePointer();

    [GeneratedRegex(@"\]\(([^)\s]+)\)", RegexOptions.CultureInvariant)]
    private static partial Regex MarkdownLink();

    private static IEnumerable<string> LinksLeavingTheRoot(string root, string file, string line)
    {
        foreach (Match m in MarkdownLink().Matches(line))
        {
            var target = m.Groups[1].Value.Split('#')[0];
            if (target.Length == 0 || target.Contains("://", StringComparison.Ordinal) || target.StartsWith("mailto:", StringComparison.Ordinal))
            {
                continue;
            }

            var full = Path.GetFullPath(Path.Combine(Path.GetDirectoryName(file)!, target));
            if (!full.StartsWith(root + Path.DirectorySeparatorChar, StringComparison.Ordinal) && full != root)
            {
                yield return m.Groups[1].Value;
            }
        }
    }

    private static IEnumerable<string> TextFiles(string root)
    {
        var pending = new Stack<string>([root]);
        while (pending.Count > 0)
        {
            var dir = pending.Pop();
            foreach (var sub in Directory.EnumerateDirectories(dir))
            {
                var name = Path.GetFileName(sub);
                var relative = Path.GetRelativePath(root, sub);
                if (!name.StartsWith(".git", StringComparison.Ordinal) && !SkippedDirectories.Contains(name) && !SkippedRootPaths.Contains(relative))
                {
                    pending.Push(sub);
                }
            }

            foreach (var file in Directory.EnumerateFiles(dir))
            {
                // A worktree's .git is a file naming the main checkout's git directory: not the repository's content.
                if (Path.GetFileName(file) != ".git" && new FileInfo(file).Length < 1_000_000 && !IsBinary(file))
                {
                    yield return file;
                }
            }
        }
    }

    private static bool IsBinary(string file)
    {
        using var stream = File.OpenRead(file);
        var buffer = new byte[8192];
        var read = stream.Read(buffer, 0, buffer.Length);
        return Array.IndexOf(buffer, (byte)0, 0, read) >= 0;
    }

    private static string RepoRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "Tasks.sln")))
            {
                return dir.FullName;
            }
        }

        throw new InvalidOperationException($"no Tasks.sln above {AppContext.BaseDirectory}");
    }
}
