namespace ImageRoll.Images.Archives;

/// <summary>The IR2140-IR2149 errors of local image archives; all are bad input (exit 2), found before anything is uploaded.</summary>
internal static class ArchiveErrors
{
    public const string Hint = "Give an OCI layout directory (skopeo copy ... oci:DIR), an OCI archive (oci-archive:FILE.tar) or a docker save tar.";

    public static ImageRollException NotAnArchive(string path, string why) =>
        new("IR2140", FailureKind.BadInput, $"{path} is not an image archive: {why}.", Hint);

    public static ImageRollException Unreadable(string path, string why) =>
        new("IR2141", FailureKind.BadInput, $"{path} cannot be read as a tar archive: {why}.",
            "Give the uncompressed tar (gunzip it first if it is a .tar.gz), an OCI layout directory, or a docker save tar.");

    public static ImageRollException NotFound(string path) =>
        new("IR2142", FailureKind.BadInput, $"Image archive {path} does not exist.", Hint);

    public static ImageRollException ChooseImage(string location, IEnumerable<string> names, string? asked) =>
        new("IR2143", FailureKind.BadInput,
            asked is null
                ? $"{location} holds several images ({string.Join(", ", names)}); say which one to use."
                : $"{location} has no image named '{asked}'; it holds: {string.Join(", ", names)}.",
            "Choose one with --ref NAME (an org.opencontainers.image.ref.name of index.json, or a RepoTag of a docker save tar).");

    public static ImageRollException BlobMissing(string location, string digest, string what) =>
        new("IR2144", FailureKind.BadInput, $"{location} lacks {what} {digest}: the archive is incomplete.",
            "Re-create the archive (docker save / skopeo copy) and make sure it was copied whole.");

    public static ImageRollException BadMetadata(string location, string file, string why) =>
        new("IR2145", FailureKind.BadInput, $"{file} in {location} is not valid: {why}.", Hint);

    public static ImageRollException SizeMismatch(string location, string digest, long expected, long actual) =>
        new("IR2146", FailureKind.BadInput,
            $"{location}: blob {digest} is {actual} bytes but the manifest says {expected}.",
            "The archive is corrupt or was modified; re-create it.");

    public static ImageRollException DigestMismatch(string location, string what, string expected, string actual) =>
        new("IR2147", FailureKind.BadInput,
            $"{location}: {what} should have digest {expected} but its content hashes to {actual}.",
            "The archive is corrupt or was modified; re-create it.");

    public static ImageRollException LinkOutside(string location, string path, string target) =>
        new("IR2149", FailureKind.BadInput,
            $"{location}: {path} is a symbolic link to {target}, which is not a file inside the layout; ImageRoll follows links only within the layout.",
            "Copy the file into the layout (or link to a file inside it), e.g. cp --dereference, or export the image again (skopeo copy ... oci:DIR).");

    public static ImageRollException Empty(string location) =>
        new("IR2148", FailureKind.BadInput, $"{location} holds no image.", Hint);
}
