using ImageRoll.Images;

namespace ImageRoll.Registry;

/// <summary>Digest helpers for manifests held in memory, over <see cref="Digest"/>.</summary>
internal static class ContentDigest
{
    public static string Sha256(ReadOnlySpan<byte> bytes) => Digest.ComputeSha256(bytes);

    public static bool Matches(string digest, ReadOnlySpan<byte> bytes) => Digest.Matches(digest, bytes);

    /// <summary>Whether a manifest reference is a digest (otherwise it is a tag).</summary>
    public static bool IsDigest(string reference) => reference.Contains(':', StringComparison.Ordinal);
}
