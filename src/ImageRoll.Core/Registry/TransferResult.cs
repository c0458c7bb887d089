namespace ImageRoll.Registry;

/// <summary>
/// The outcome of a push or copy: the digest reference <c>REG/REPO@sha256:...</c> nothing downstream should replace
/// with a tag, the tags written, and what moved.
/// </summary>
public sealed record TransferResult(
    string DigestReference,
    string Digest,
    string MediaType,
    IReadOnlyList<string> Tags,
    int BlobsUploaded,
    int BlobsSkipped,
    int BlobsMounted,
    long BytesUploaded,
    int ChildManifests);
