using System.Formats.Tar;
using Microsoft.Win32.SafeHandles;

namespace ImageRoll.Images.Archives;

/// <summary>
/// The entries of an uncompressed tar, indexed once (name to data offset and length) so that each file is later
/// streamed straight from the tar by offset: nothing is extracted. Symbolic and hard links are followed, since
/// legacy <c>docker save</c> links a repeated layer's <c>layer.tar</c> to its first copy (moby
/// image/tarexport/save.go).
/// </summary>
internal sealed class TarFileStore : IFileStore
{
    private readonly SafeFileHandle _handle;
    private readonly Dictionary<string, (long Offset, long Length)> _files;

    private TarFileStore(string location, SafeFileHandle handle, Dictionary<string, (long, long)> files)
    {
        Location = location;
        _handle = handle;
        _files = files;
    }

    public string Location { get; }

    public IEnumerable<string> Names => _files.Keys;

    public static TarFileStore Load(string path)
    {
        var full = Path.GetFullPath(path);
        var files = new Dictionary<string, (long, long)>(StringComparer.Ordinal);
        var links = new List<(string Name, string Target)>();
        using (var file = new FileStream(full, FileMode.Open, FileAccess.Read, FileShare.Read, bufferSize: 0))
        {
            var stream = new ReadTrackingStream(file);
            using var reader = new TarReader(stream, leaveOpen: true);
            TarEntry? entry;
            while ((entry = reader.GetNextEntry(copyData: false)) is not null)
            {
                var name = Normalize(entry.Name);
                switch (entry.EntryType)
                {
                    case TarEntryType.RegularFile or TarEntryType.V7RegularFile or TarEntryType.ContiguousFile:
                        var offset = stream.LastReadEnd;
                        if (offset % 512 != 0 || offset + entry.Length > file.Length)
                        {
                            throw new InvalidDataException($"entry '{entry.Name}' does not lie inside the file where its header says");
                        }

                        files[name] = (offset, entry.Length);
                        break;
                    case TarEntryType.SymbolicLink:
                        links.Add((name, Normalize(CombineRelative(name, entry.LinkName))));
                        break;
                    case TarEntryType.HardLink:
                        links.Add((name, Normalize(entry.LinkName)));
                        break;
                }
            }
        }

        // Links may point at links; a few passes settle any sane chain.
        for (var pass = 0; pass < 8; pass++)
        {
            foreach (var (name, target) in links)
            {
                if (!files.ContainsKey(name) && files.TryGetValue(target, out var data))
                {
                    files[name] = data;
                }
            }
        }

        var handle = File.OpenHandle(full, FileMode.Open, FileAccess.Read, FileShare.Read, FileOptions.Asynchronous);
        return new TarFileStore(full, handle, files);
    }

    public bool Exists(string path) => _files.ContainsKey(Normalize(path));

    public long Length(string path) => Entry(path).Length;

    public Stream Open(string path)
    {
        var (offset, length) = Entry(path);
        return new FileSegmentStream(_handle, offset, length);
    }

    public void Dispose() => _handle.Dispose();

    internal static string Normalize(string name)
    {
        var parts = new List<string>();
        foreach (var part in name.Replace('\\', '/').Split('/', StringSplitOptions.RemoveEmptyEntries))
        {
            if (part == "..")
            {
                if (parts.Count > 0)
                {
                    parts.RemoveAt(parts.Count - 1);
                }
            }
            else if (part != ".")
            {
                parts.Add(part);
            }
        }

        return string.Join('/', parts);
    }

    private static string CombineRelative(string linkName, string target)
    {
        if (target.StartsWith('/'))
        {
            return target;
        }

        var slash = linkName.LastIndexOf('/');
        return slash < 0 ? target : linkName[..(slash + 1)] + target;
    }

    private (long Offset, long Length) Entry(string path) =>
        _files.TryGetValue(Normalize(path), out var e) ? e : throw new FileNotFoundException($"{path} is not in {Location}.", path);
}
