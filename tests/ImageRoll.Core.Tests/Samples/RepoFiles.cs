using System.Diagnostics;

namespace ImageRoll.Core.Tests.Samples;

/// <summary>The checkout's files the examples come from, and <c>bash -n</c> for the scripts among them.</summary>
public static class RepoFiles
{
    private static readonly string[] SkippedDirectories = ["bin", "obj", ".vs", ".idea", "TestResults"];

    public static string Root { get; } = FindRoot();

    public static string Relative(string path) => Path.GetRelativePath(Root, path).Replace('\\', '/');

    /// <summary>README.md, docs/*.md and every file under samples/ (build output excluded).</summary>
    public static IEnumerable<string> DocsAndSamples()
    {
        yield return Path.Combine(Root, "README.md");
        foreach (var doc in Directory.GetFiles(Path.Combine(Root, "docs"), "*.md").Order(StringComparer.Ordinal))
        {
            yield return doc;
        }

        foreach (var file in Under(Path.Combine(Root, "samples")))
        {
            yield return file;
        }
    }

    /// <summary><c>bash -n</c>: null when the script parses, else bash's message.</summary>
    public static string? BashSyntaxError(string script)
    {
        var start = new ProcessStartInfo("bash", ["-n"]) { RedirectStandardInput = true, RedirectStandardError = true, UseShellExecute = false };
        using var bash = Process.Start(start) ?? throw new InvalidOperationException("bash did not start");
        bash.StandardInput.Write(script);
        bash.StandardInput.Close();
        var error = bash.StandardError.ReadToEnd();
        Assert.True(bash.WaitForExit(TimeSpan.FromSeconds(30)), "bash -n did not finish in 30 s");
        return bash.ExitCode == 0 ? null : error.Trim();
    }

    private static IEnumerable<string> Under(string folder)
    {
        foreach (var file in Directory.GetFiles(folder).Order(StringComparer.Ordinal))
        {
            yield return file;
        }

        foreach (var dir in Directory.GetDirectories(folder).Order(StringComparer.Ordinal))
        {
            if (!SkippedDirectories.Contains(Path.GetFileName(dir)))
            {
                foreach (var file in Under(dir))
                {
                    yield return file;
                }
            }
        }
    }

    private static string FindRoot()
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
