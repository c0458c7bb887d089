namespace ImageRoll.Images.Archives;

/// <summary>An image layout that is a plain directory.</summary>
internal sealed class DirectoryFileStore(string root) : IFileStore
{
    public string Location { get; } = Path.GetFullPath(root);

    public bool Exists(string path) => File.Exists(Full(path));

    public long Length(string path) => new FileInfo(Full(path)).Length;

    // No FileStream buffer: callers read in large chunks and a second copy would only cost time.
    public Stream Open(string path) =>
        new FileStream(Full(path), FileMode.Open, FileAccess.Read, FileShare.Read, bufferSize: 0, FileOptions.Asynchronous | FileOptions.SequentialScan);

    public void Dispose()
    {
    }

    private string Full(string path) => Path.Combine(Location, path.Replace('/', Path.DirectorySeparatorChar));
}
