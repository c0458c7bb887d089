namespace ImageRoll.OpenShift.ImageStreams;

/// <summary>
/// The IR32xx codes of image streams: stream tags, imports and the images they hold.
/// </summary>
public static class ImageStreamErrors
{
    /// <summary>Not an image stream tag STREAM:TAG or NAMESPACE/STREAM:TAG (exit 2).</summary>
    public const string BadStreamTag = "IR3201";

    /// <summary>The image stream (or a promotion's source stream) does not exist (exit 3).</summary>
    public const string StreamNotFound = "IR3202";

    /// <summary>The cluster's import of the image failed.</summary>
    public const string ImportFailed = "IR3203";

    /// <summary>The stream tag did not get the image before the deadline (exit 5).</summary>
    public const string ImportTimedOut = "IR3204";

    /// <summary>The image to tag or roll out is not pinned by digest (exit 2).</summary>
    public const string NotPinnedByDigest = "IR3205";

    /// <summary>The synchronous import (--import) failed.</summary>
    public const string SyncImportFailed = "IR3206";

    /// <summary>The stream tag imported another image than expected: another writer raced this one.</summary>
    public const string ImportedOtherImage = "IR3207";

    /// <summary>The stream tag has no image yet, so no trigger would fire.</summary>
    public const string TagHasNoImage = "IR3208";
}
