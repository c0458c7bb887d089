using System.Text.RegularExpressions;

namespace ImageRoll.Core.Tests.Repository;

/// <summary>
/// The repository carries its own facts: no comment, doc or script may send a maintainer to a file outside it. Cite
/// the upstream source file and function, or a section of docs/, instead. What counts as pointing outside, with no
/// outside name written here: a relative path that climbs above the repository root from the file it is written in
/// (Markdown links included), an absolute path into the folder that holds the checkout, an upper-case <c>NAME.md</c>
/// that no file of the repository is called, and the section sign such notes are cited with. This file's own examples
/// are made up, and it is not scanned itself.
/// </summary>
public sealed partial class SelfContainedReferencesTests
{
    private static readonly string[] SkippedDirectories =
        ["bin", "obj", ".vs", ".idea", "TestResults", "BenchmarkDotNet.Artifacts", "node_modules"];

    private static readonly string[] SkippedRootPaths = [".services", "artifacts", Path.Combine("nuget", "packages")];

    /// <summary>This file writes an example of each kind of pointer.</summary>
    private static readonly string Self = Path.Combine("tests", "ImageRoll.Core.Tests", "Repository", "SelfContainedReferencesTests.cs");

    [Fact]
    public void No_file_points_at_a_file_outside_the_repository()
    {
        var root = RepoRoot();
        var files = TextFiles(root).Where(f => Path.GetRelativePath(root, f) != Self).ToList();
        var names = AllFileNames(root);
        var offences = new List<string>();
        foreach (var file in files)
        {
            var relative = Path.GetRelativePath(root, file);
            var lines = File.ReadAllLines(file);
            for (var i = 0; i < lines.Length; i++)
            {
                offences.AddRange(OutsidePointers(root, names, file, lines[i]).Select(p => $"{relative}:{i + 1}: {p} in: {lines[i].Trim()}"));
            }
        }

        Assert.True(files.Count > 100, $"only {files.Count} files scanned under {root}: the walk is broken");
        Assert.Contains("README.md", names);
        Assert.True(offences.Count == 0,
            "Cite the upstream source (repository, file, function) or a section of docs/ instead:\n" + string.Join('\n', offences));
    }

    [Theory]
    [InlineData("docs/x.md", "see [notes](../../elsewhere/facts.md#1)")]
    [InlineData("docs/x.md", "the facts in ../../elsewhere/notes.txt")]
    [InlineData("README.md", "// as ../sibling/notes.md says")]
    [InlineData("src/A/B.cs", "/// (NOT-IN-THIS-REPO.md: items null)")]
    [InlineData("src/A/B.cs", "// as in \u00A73")]
    [InlineData("src/A/B.cs", "read PARENT/other/notes first")]
    public void Each_kind_of_outside_pointer_is_caught(string file, string line)
    {
        var root = Path.Combine(Path.GetTempPath(), "repo");
        var pointers = OutsidePointers(root, new HashSet<string>(["README.md"], StringComparer.Ordinal), Path.Combine(root, file),
            line.Replace("PARENT", Path.GetDirectoryName(root), StringComparison.Ordinal)).ToList();

        Assert.Single(pointers);
    }

    [Theory]
    [InlineData("docs/x.md", "See [architecture](architecture.md), [up](../README.md) and [web](https://kubernetes.io/docs/).")]
    [InlineData("tests/A/B/C.cs", "a .dockerignore entry ../../b and a csproj ../../src/Core/Core.csproj")]
    [InlineData("src/A/B.cs", "POST .../deploymentconfigs/NAME/instantiate, $dotnet_root/shared/Microsoft.NETCore.App, ~/.kube/config")]
    [InlineData("src/A/B.cs", "the README.md table and PARENT/repo/docs/x.md")]
    [InlineData("src/A/B.cs", "a runner's /home/runner/PARENT/_temp/file")]
    public void The_repositorys_own_references_are_left_alone(string file, string line)
    {
        var root = Path.Combine(Path.GetTempPath(), "repo");
        var pointers = OutsidePointers(root, new HashSet<string>(["README.md"], StringComparer.Ordinal), Path.Combine(root, file),
            line.Replace("PARENT", Path.GetDirectoryName(root), StringComparison.Ordinal)).ToList();

        Assert.Empty(pointers);
    }

    /// <summary>The pointers out of <paramref name="root"/> that one line of <paramref name="file"/> holds.</summary>
    private static IEnumerable<string> OutsidePointers(string root, IReadOnlySet<string> repositoryFileNames, string file, string line)
    {
        var folder = Path.GetDirectoryName(file)!;
        foreach (Match m in RelativeClimb().Matches(line))
        {
            if (!Inside(root, Path.GetFullPath(Path.Combine(folder, m.Value.Split('#')[0]))))
            {
                yield return $"'{m.Value}' climbs out of the repository";
            }
        }

        // An absolute path that starts (not "/home/x/work/y" for a checkout in /work) in the folder holding the checkout.
        var parent = Regex.Escape(Path.GetDirectoryName(root) + Path.DirectorySeparatorChar);
        foreach (Match m in Regex.Matches(line, $@"(?<![\w./~-]){parent}[^\s'""`),]*", RegexOptions.CultureInvariant))
        {
            if (!Inside(root, m.Value))
            {
                yield return $"'{m.Value}' is a path beside the checkout";
            }
        }

        foreach (Match m in UpperCaseDocument().Matches(line))
        {
            if (!repositoryFileNames.Contains(m.Value))
            {
                yield return $"'{m.Value}' is no file of the repository";
            }
        }

        if (line.Contains('\u00A7', StringComparison.Ordinal))
        {
            yield return "the section sign cites a section of a document outside the repository";
        }
    }

    private static bool Inside(string root, string path) =>
        path == root || path.StartsWith(root + Path.DirectorySeparatorChar, StringComparison.Ordinal);

    private static HashSet<string> AllFileNames(string root) =>
        TextFiles(root).Select(Path.GetFileName).OfType<string>().ToHashSet(StringComparer.Ordinal);

    // ../ climbs starting a path (not the middle of ".../x" or "a/../b"), with what follows them.
    [GeneratedRegex(@"(?<![\w./~$])(?:\.\./)+[\w.#-]+(?:/[\w.#-]+)*", RegexOptions.CultureInvariant)]
    private static partial Regex RelativeClimb();

    [GeneratedRegex(@"\b[A-Z][A-Z0-9]*(?:-[A-Z0-9]+)*\.md\b", RegexOptions.CultureInvariant)]
    private static partial Regex UpperCaseDocument();

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
