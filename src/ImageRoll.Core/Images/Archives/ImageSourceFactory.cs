namespace ImageRoll.Images.Archives;

/// <summary>
/// Opens a local image by what is on disk: a directory with <c>index.json</c> is an OCI layout (one with only
/// <c>manifest.json</c> an extracted docker save); a tar with <c>index.json</c> is an OCI archive (Docker 25+
/// <c>docker save</c> output included, which carries both files); a tar with only <c>manifest.json</c> is a
/// legacy docker save. Errors IR2140-IR2148 (bad input).
/// </summary>
public static class ImageSourceFactory
{
    /// <summary>
    /// Opens <paramref name="path"/>; <paramref name="refName"/> picks one image when the archive holds several
    /// (a ref.name such as <c>latest</c>, a full name such as <c>docker.io/library/app:1</c>, or a RepoTag).
    /// A docker save archive's layers are hashed here, once, by streaming.
    /// </summary>
    public static async Task<IImageSource> OpenAsync(string path, string? refName, CancellationToken ct)
    {
        ArgumentException.ThrowIfNullOrEmpty(path);
        refName = string.IsNullOrWhiteSpace(refName) ? null : refName.Trim();
        IFileStore store;
        ImageSourceKind layoutKind;
        if (Directory.Exists(path))
        {
            store = new DirectoryFileStore(path);
            layoutKind = ImageSourceKind.OciLayout;
        }
        else if (File.Exists(path))
        {
            store = OpenTar(path);
            layoutKind = ImageSourceKind.OciArchive;
        }
        else
        {
            throw ArchiveErrors.NotFound(path);
        }

        try
        {
            if (store.Exists("index.json"))
            {
                return await OciLayoutReader.OpenAsync(store, layoutKind, refName, ct).ConfigureAwait(false);
            }

            if (store.Exists("manifest.json"))
            {
                return await DockerArchiveReader.OpenAsync(store, refName, ct).ConfigureAwait(false);
            }

            throw ArchiveErrors.NotAnArchive(store.Location, layoutKind == ImageSourceKind.OciLayout
                ? "the directory has neither index.json (OCI layout) nor manifest.json (docker save)"
                : "the tar has neither index.json (OCI archive) nor manifest.json (docker save)");
        }
        catch
        {
            store.Dispose();
            throw;
        }
    }

    /// <summary>Synchronous form of <see cref="OpenAsync"/> for callers without an async context.</summary>
    public static IImageSource Open(string path, string? refName = null) =>
        OpenAsync(path, refName, CancellationToken.None).GetAwaiter().GetResult();

    private static TarFileStore OpenTar(string path)
    {
        var head = new byte[4];
        using (var f = File.OpenRead(path))
        {
            var n = f.ReadAtLeast(head, head.Length, throwOnEndOfStream: false);
            if (n >= 2 && head[0] == 0x1f && head[1] == 0x8b)
            {
                throw ArchiveErrors.Unreadable(path, "it is gzip-compressed (blobs cannot be streamed from inside gzip)");
            }

            if (n >= 4 && head[0] == 0x28 && head[1] == 0xb5 && head[2] == 0x2f && head[3] == 0xfd)
            {
                throw ArchiveErrors.Unreadable(path, "it is zstd-compressed (blobs cannot be streamed from inside zstd)");
            }
        }

        try
        {
            return TarFileStore.Load(path);
        }
        catch (Exception ex) when (ex is InvalidDataException or FormatException or EndOfStreamException or ArgumentException)
        {
            throw ArchiveErrors.Unreadable(path, ex.Message);
        }
    }
}
