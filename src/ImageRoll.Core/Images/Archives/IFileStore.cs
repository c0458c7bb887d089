namespace ImageRoll.Images.Archives;

/// <summary>Read access to the files of an image layout, whether a directory or the entries of a tar.</summary>
internal interface IFileStore : IDisposable
{
    /// <summary>The directory or tar file, for messages.</summary>
    string Location { get; }

    /// <summary>Paths relative to the root with '/' separators, no leading "./".</summary>
    bool Exists(string path);

    long Length(string path);

    /// <summary>An independent read stream; several may be open at once.</summary>
    Stream Open(string path);
}
