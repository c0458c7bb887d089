using System.Collections.Concurrent;

namespace ImageRoll.Images.Archives;

/// <summary>
/// An image layout that is a plain directory. Symbolic links are followed (Bazel's rules_oci and other build tools
/// link blobs instead of copying them), but only to files inside the layout: a link whose final target lies outside
/// is refused (IR2149), so a layout cannot make ImageRoll read and upload an unrelated file of this machine.
/// </summary>
internal sealed class DirectoryFileStore : IFileStore
{
    private const int MaxLinkHops = 40;
    private readonly string _realRoot;
    private readonly ConcurrentDictionary<string, string> _resolved = new(StringComparer.Ordinal);

    public DirectoryFileStore(string root)
    {
        Location = Path.GetFullPath(root);
        _realRoot = RealPath(Location, 0);
    }

    public string Location { get; }

    public bool Exists(string path) => File.Exists(Resolve(path));

    public long Length(string path) => new FileInfo(Resolve(path)).Length;

    // No FileStream buffer: callers read in large chunks and a second copy would only cost time.
    public Stream Open(string path) =>
        new FileStream(Resolve(path), FileMode.Open, FileAccess.Read, FileShare.Read, bufferSize: 0, FileOptions.Asynchronous | FileOptions.SequentialScan);

    public void Dispose()
    {
    }

    /// <summary>The file's real path with every link resolved; IR2149 when it leaves the layout.</summary>
    private string Resolve(string path) => _resolved.GetOrAdd(path, p =>
    {
        var full = Path.Combine(Location, p.Replace('/', Path.DirectorySeparatorChar));
        string real;
        try
        {
            real = RealPath(full, 0);
        }
        catch (IOException ex)
        {
            throw ArchiveErrors.LinkOutside(Location, p, ex.Message);
        }

        var inside = real.Equals(_realRoot, StringComparison.Ordinal)
            || real.StartsWith(_realRoot.EndsWith(Path.DirectorySeparatorChar) ? _realRoot : _realRoot + Path.DirectorySeparatorChar, StringComparison.Ordinal);
        return inside ? real : throw ArchiveErrors.LinkOutside(Location, p, real);
    });

    /// <summary>Like realpath(3): every component's symbolic link resolved (relative targets against the link's folder).</summary>
    private static string RealPath(string path, int depth)
    {
        var full = Path.GetFullPath(path);
        var root = Path.GetPathRoot(full) ?? string.Empty;
        var current = root;
        foreach (var part in full[root.Length..].Split(Path.DirectorySeparatorChar, StringSplitOptions.RemoveEmptyEntries))
        {
            var next = Path.Combine(current, part);
            for (var hops = 0; new FileInfo(next).LinkTarget is { } target; hops++)
            {
                if (hops + depth >= MaxLinkHops)
                {
                    throw new IOException($"a loop of symbolic links at {next}");
                }

                var absolute = Path.IsPathRooted(target) ? target : Path.Combine(Path.GetDirectoryName(next) ?? root, target);
                next = RealPath(absolute, depth + hops + 1);
            }

            current = next;
        }

        return current;
    }
}
