namespace ImageRoll.Registry;

/// <summary>How a blob got to the target repository.</summary>
public enum BlobTransfer
{
    /// <summary>The registry already had it (blob HEAD answered 200).</summary>
    Skipped,

    /// <summary>Mounted from another repository of the same registry.</summary>
    Mounted,

    /// <summary>Uploaded.</summary>
    Uploaded,
}
