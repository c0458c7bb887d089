namespace ImageRoll.Images.Archives;

/// <summary>The IR2140-IR2149 errors of local image archives; all are bad input (exit 2), found before anything is uploaded.</summary>
internal static class ArchiveErrors
{
    /// <summary>The path is neither an OCI layout, an OCI archive nor a docker save tar.</summary>
    public const string NotAnArchiveCode = "IR2140";

    /// <summary>The file cannot be read as a tar archive.</summary>
    public const string UnreadableCode = "IR2141";

    /// <summary>The image archive does not exist.</summary>
    public const string NotFoundCode = "IR2142";

    /// <summary>The archive holds several images and none was chosen, or none by the name asked.</summary>
    public const string ChooseImageCode = "IR2143";

    /// <summary>The archive lacks a blob its manifest names: it is incomplete.</summary>
    public const string BlobMissingCode = "IR2144";

    /// <summary>A metadata file of the archive (index.json, oci-layout, manifest.json) is not valid.</summary>
    public const string BadMetadataCode = "IR2145";

    /// <summary>A blob's size differs from the size its descriptor gives.</summary>
    public const string SizeMismatchCode = "IR2146";

    /// <summary>A blob's content does not hash to its digest.</summary>
    public const string DigestMismatchCode = "IR2147";

    /// <summary>The archive holds no image.</summary>
    public const string EmptyCode = "IR2148";

    /// <summary>A symbolic link in the layout points outside it.</summary>
    public const string LinkOutsideCode = "IR2149";

    public const string Hint = "Give an OCI layout directory (skopeo copy ... oci:DIR), an OCI archive (oci-archive:FILE.tar) or a docker save tar.";

    public static ImageRollException NotAnArchive(string path, string why) =>
        new(NotAnArchiveCode, FailureKind.BadInput, $"{path} is not an image archive: {why}.", Hint);

    public static ImageRollException Unreadable(string path, string why) =>
        new(UnreadableCode, FailureKind.BadInput, $"{path} cannot be read as a tar archive: {why}.",
            "Give the uncompressed tar (gunzip it first if it is a .tar.gz), an OCI layout directory, or a docker save tar.");

    public static ImageRollException NotFound(string path) =>
        new(NotFoundCode, FailureKind.BadInput, $"Image archive {path} does not exist.", Hint);

    public static ImageRollException ChooseImage(string location, IEnumerable<string> names, string? asked) =>
        new(ChooseImageCode, FailureKind.BadInput,
            asked is null
                ? $"{location} holds several images ({string.Join(", ", names)}); say which one to use."
                : $"{location} has no image named '{asked}'; it holds: {string.Join(", ", names)}.",
            "Choose one with --ref NAME (an org.opencontainers.image.ref.name of index.json, or a RepoTag of a docker save tar).");

    public static ImageRollException BlobMissing(string location, string digest, string what) =>
        new(BlobMissingCode, FailureKind.BadInput, $"{location} lacks {what} {digest}: the archive is incomplete.",
            "Re-create the archive (docker save / skopeo copy) and make sure it was copied whole.");

    public static ImageRollException BadMetadata(string location, string file, string why) =>
        new(BadMetadataCode, FailureKind.BadInput, $"{file} in {location} is not valid: {why}.", Hint);

    public static ImageRollException SizeMismatch(string location, string digest, long expected, long actual) =>
        new(SizeMismatchCode, FailureKind.BadInput,
            $"{location}: blob {digest} is {actual} bytes but the manifest says {expected}.",
            "The archive is corrupt or was modified; re-create it.");

    public static ImageRollException DigestMismatch(string location, string what, string expected, string actual) =>
        new(DigestMismatchCode, FailureKind.BadInput,
            $"{location}: {what} should have digest {expected} but its content hashes to {actual}.",
            "The archive is corrupt or was modified; re-create it.");

    public static ImageRollException LinkOutside(string location, string path, string target) =>
        new(LinkOutsideCode, FailureKind.BadInput,
            $"{location}: {path} is a symbolic link to {target}, which is not a file inside the layout; ImageRoll follows links only within the layout.",
            "Copy the file into the layout (or link to a file inside it), e.g. cp --dereference, or export the image again (skopeo copy ... oci:DIR).");

    public static ImageRollException Empty(string location) =>
        new(EmptyCode, FailureKind.BadInput, $"{location} holds no image.", Hint);
}
