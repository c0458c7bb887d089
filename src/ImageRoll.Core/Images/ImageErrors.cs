namespace ImageRoll.Images;

/// <summary>
/// The IR2100-IR2139 codes of image references, digests and manifests; all are bad input (exit 2).
/// </summary>
public static class ImageErrors
{
    /// <summary>The image reference is empty.</summary>
    public const string EmptyReference = "IR2100";

    /// <summary>The reference is a 64-hex image ID, not a repository name.</summary>
    public const string ImageIdNotRepository = "IR2101";

    /// <summary>The registry part of the reference is not a valid host[:port].</summary>
    public const string BadRegistryHost = "IR2102";

    /// <summary>The repository is missing or has an invalid path component.</summary>
    public const string BadRepository = "IR2103";

    /// <summary>The repository has upper-case letters.</summary>
    public const string UpperCaseRepository = "IR2104";

    /// <summary>The tag is empty or not a valid tag.</summary>
    public const string BadTag = "IR2105";

    /// <summary>The image name is longer than the reference grammar allows.</summary>
    public const string NameTooLong = "IR2109";

    /// <summary>The digest is not algorithm:hex in lower case.</summary>
    public const string BadDigest = "IR2120";

    /// <summary>The digest's algorithm is neither sha256 nor sha512.</summary>
    public const string UnsupportedDigestAlgorithm = "IR2121";

    /// <summary>The digest has the wrong number of hex digits for its algorithm.</summary>
    public const string BadDigestLength = "IR2122";

    /// <summary>A manifest or index is not valid JSON, not a JSON object, or has an invalid field.</summary>
    public const string BadManifestJson = "IR2130";

    /// <summary>The document is neither an image manifest nor an image index.</summary>
    public const string NotAManifest = "IR2131";

    /// <summary>A Docker schema 1 manifest, which ImageRoll does not handle.</summary>
    public const string SchemaOneManifest = "IR2132";
}
