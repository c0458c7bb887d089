using System.Formats.Tar;
using ImageRoll.Build;

namespace ImageRoll.Core.Tests.Build;

public sealed class BuildContextArchiveTests : IDisposable
{
    private readonly string _root = Directory.CreateTempSubdirectory("imageroll-ctx-").FullName;

    public void Dispose() => Directory.Delete(_root, recursive: true);

    [Fact]
    public async Task Excluded_secrets_never_enter_the_tar_while_exceptions_and_build_files_do()
    {
        Write("Dockerfile", "FROM scratch\n");
        Write(".dockerignore", "# secrets stay home\nsecrets\n**/*.key\n!keep.key\n.dockerignore\nDockerfile\nnode_modules/**\n");
        Write("app/main.txt", "hello");
        Write("app/private.key", "KEY");
        Write("keep.key", "public");
        Write("nested/deeper.key", "KEY");
        Write("secrets/token.txt", "TOKEN");
        Write("node_modules/x/index.js", "x");

        var (names, contents) = await TarOf(BuildContext.Create(Path.Combine(_root, "Dockerfile"), null, _root));

        Assert.Contains("Dockerfile", names);
        Assert.Contains(".dockerignore", names);
        Assert.Contains("app/main.txt", names);
        Assert.Contains("keep.key", names);
        Assert.DoesNotContain(names, n => n.StartsWith("secrets", StringComparison.Ordinal));
        Assert.DoesNotContain("app/private.key", names);
        Assert.DoesNotContain("nested/deeper.key", names);
        Assert.DoesNotContain(names, n => n.StartsWith("node_modules/x", StringComparison.Ordinal));
        Assert.DoesNotContain(contents.Values, c => c.Contains("TOKEN", StringComparison.Ordinal) || c.Contains("KEY", StringComparison.Ordinal));
        Assert.Equal("hello", contents["app/main.txt"]);
    }

    [Fact]
    public async Task Excluded_directory_is_walked_only_for_an_exception_below_it()
    {
        Write("Dockerfile", "FROM scratch\n");
        Write(".dockerignore", "docs\n!docs/README.md\n");
        Write("docs/README.md", "readme");
        Write("docs/internal.md", "internal");

        var (names, _) = await TarOf(BuildContext.Create(Path.Combine(_root, "Dockerfile"), null, _root));

        Assert.Contains("docs/README.md", names);
        Assert.DoesNotContain("docs/internal.md", names);
    }

    [Fact]
    public async Task Dockerfile_outside_the_context_is_added_under_a_generated_name()
    {
        Write("build/Containerfile", "FROM scratch\nCOPY . /\n");
        Write("src/a.txt", "a");

        var context = BuildContext.Create(Path.Combine(_root, "build/Containerfile"), Path.Combine(_root, "src"), _root);
        var (names, contents) = await TarOf(context);

        Assert.True(context.DockerfileOutside);
        Assert.StartsWith(".dockerfile.", context.DockerfileEntry, StringComparison.Ordinal);
        Assert.Equal(["a.txt", context.DockerfileEntry], names);
        Assert.Equal("FROM scratch\nCOPY . /\n", contents[context.DockerfileEntry]);
    }

    [Fact]
    [System.Runtime.Versioning.UnsupportedOSPlatform("windows")]
    public async Task Entries_are_sorted_owned_by_root_and_keep_modes_and_symlinks()
    {
        Write("Dockerfile", "FROM scratch\n");
        Write("z.sh", "#!/bin/sh\n");
        File.SetUnixFileMode(Path.Combine(_root, "z.sh"), UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute);
        File.CreateSymbolicLink(Path.Combine(_root, "link"), "z.sh");

        var context = BuildContext.Create(Path.Combine(_root, "Dockerfile"), null, _root);
        using var tar = new MemoryStream();
        await BuildContextArchive.WriteAsync(context, tar, null, TestContext.Current.CancellationToken);
        tar.Position = 0;
        var entries = new List<TarEntry>();
        using (var reader = new TarReader(tar))
        {
            while (reader.GetNextEntry() is { } e)
            {
                entries.Add(e);
            }
        }

        Assert.Equal(["Dockerfile", "link", "z.sh"], entries.Select(e => e.Name));
        Assert.All(entries, e => Assert.Equal((0, 0), (e.Uid, e.Gid)));
        Assert.Equal(TarEntryType.SymbolicLink, entries[1].EntryType);
        Assert.Equal("z.sh", entries[1].LinkName);
        Assert.True(entries[2].Mode.HasFlag(UnixFileMode.UserExecute));
    }

    [Fact]
    public void Missing_dockerfile_is_IR1111_bad_input_naming_the_path()
    {
        var ex = Assert.Throws<ImageRollException>(() => BuildContext.Create("nope/Dockerfile", null, _root));
        Assert.Equal(("IR1111", FailureKind.BadInput), (ex.Code, ex.Kind));
        Assert.Contains("nope/Dockerfile", ex.Message, StringComparison.Ordinal);
    }

    private async Task<(List<string> Names, Dictionary<string, string> Contents)> TarOf(BuildContext context)
    {
        using var tar = new MemoryStream();
        var seen = new List<string>();
        await BuildContextArchive.WriteAsync(context, tar, seen.Add, TestContext.Current.CancellationToken);
        tar.Position = 0;
        var names = new List<string>();
        var contents = new Dictionary<string, string>();
        using var reader = new TarReader(tar);
        while (reader.GetNextEntry() is { } entry)
        {
            var name = entry.Name.TrimEnd('/');
            names.Add(name);
            if (entry.DataStream is { } data)
            {
                using var sr = new StreamReader(data);
                contents[name] = sr.ReadToEnd();
            }
        }

        Assert.Equal(names, seen.Select(n => n.TrimEnd('/')));
        return (names, contents);
    }

    private void Write(string relative, string text)
    {
        var path = Path.Combine(_root, relative);
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        File.WriteAllText(path, text);
    }
}
