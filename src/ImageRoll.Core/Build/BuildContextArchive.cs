using System.Formats.Tar;

namespace ImageRoll.Build;

/// <summary>
/// Streams a build context as a tar (never the whole context in memory), honouring .dockerignore as the docker CLI
/// does (moby pkg/archive TarWithOptions): excluded files are never read; an excluded directory is skipped whole
/// unless a '!' pattern could re-include something below it. Entries are sorted (a stable order gives the daemon a
/// stable build cache), owned by 0:0 as the docker CLI sends them, symlinks are sent as links, not followed.
/// </summary>
public static class BuildContextArchive
{
    /// <summary>Writes the tar to <paramref name="output"/>; <paramref name="onEntry"/> sees each entry name as written.</summary>
    public static async Task WriteAsync(BuildContext context, Stream output, Action<string>? onEntry, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(context);
        ArgumentNullException.ThrowIfNull(output);
        var writer = new TarWriter(output, TarEntryFormat.Pax, leaveOpen: true);
        await using (writer.ConfigureAwait(false))
        {
            await WriteDirectoryAsync(context, writer, new DirectoryInfo(context.Directory), string.Empty, onEntry, cancellationToken).ConfigureAwait(false);
            if (context.DockerfileOutside)
            {
                await WriteFileAsync(writer, new FileInfo(context.DockerfileSource), context.DockerfileEntry, onEntry, cancellationToken).ConfigureAwait(false);
            }
        }
    }

    private static async Task WriteDirectoryAsync(BuildContext context, TarWriter writer, DirectoryInfo directory, string prefix, Action<string>? onEntry, CancellationToken cancellationToken)
    {
        var children = directory.EnumerateFileSystemInfos().OrderBy(f => f.Name, StringComparer.Ordinal);
        foreach (var info in children)
        {
            cancellationToken.ThrowIfCancellationRequested();
            var name = prefix + info.Name;
            var isDirectory = info is DirectoryInfo && info.LinkTarget is null;
            if (context.Ignore.IsExcluded(name))
            {
                if (isDirectory && context.Ignore.MayReincludeBelow(name))
                {
                    await WriteDirectoryAsync(context, writer, (DirectoryInfo)info, name + "/", onEntry, cancellationToken).ConfigureAwait(false);
                }

                continue;
            }

            if (info.LinkTarget is { } target)
            {
                var link = new PaxTarEntry(TarEntryType.SymbolicLink, name) { LinkName = target };
                await WriteEntryAsync(writer, link, info, onEntry, cancellationToken).ConfigureAwait(false);
            }
            else if (isDirectory)
            {
                await WriteEntryAsync(writer, new PaxTarEntry(TarEntryType.Directory, name + "/"), info, onEntry, cancellationToken).ConfigureAwait(false);
                await WriteDirectoryAsync(context, writer, (DirectoryInfo)info, name + "/", onEntry, cancellationToken).ConfigureAwait(false);
            }
            else if (info is FileInfo file)
            {
                await WriteFileAsync(writer, file, name, onEntry, cancellationToken).ConfigureAwait(false);
            }
        }
    }

    private static async Task WriteFileAsync(TarWriter writer, FileInfo file, string name, Action<string>? onEntry, CancellationToken cancellationToken)
    {
        var stream = new FileStream(file.FullName, FileMode.Open, FileAccess.Read, FileShare.Read, 64 * 1024, useAsync: true);
        await using (stream.ConfigureAwait(false))
        {
            var entry = new PaxTarEntry(TarEntryType.RegularFile, name) { DataStream = stream };
            await WriteEntryAsync(writer, entry, file, onEntry, cancellationToken).ConfigureAwait(false);
        }
    }

    private static async Task WriteEntryAsync(TarWriter writer, PaxTarEntry entry, FileSystemInfo info, Action<string>? onEntry, CancellationToken cancellationToken)
    {
        entry.Uid = 0;
        entry.Gid = 0;
        entry.ModificationTime = info.LastWriteTimeUtc;
        if (!OperatingSystem.IsWindows())
        {
            entry.Mode = info.UnixFileMode;
        }
        else
        {
            entry.Mode = entry.EntryType == TarEntryType.Directory ? (UnixFileMode)0x1ED : (UnixFileMode)0x1A4;
        }

        await writer.WriteEntryAsync(entry, cancellationToken).ConfigureAwait(false);
        onEntry?.Invoke(entry.Name);
    }
}
