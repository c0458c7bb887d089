using System.Security.Cryptography;

namespace ImageRoll.Registry;

/// <summary>Digests of bytes ImageRoll holds in memory (manifests): sha256 for everything it writes, sha512 checked when read.</summary>
internal static class ContentDigest
{
    public static string Sha256(ReadOnlySpan<byte> bytes) => "sha256:" + Convert.ToHexString(SHA256.HashData(bytes)).ToLowerInvariant();

    /// <summary>Whether <paramref name="digest"/> (<c>ALG:HEX</c>) is the digest of the bytes; false for unknown algorithms.</summary>
    public static bool Matches(string digest, ReadOnlySpan<byte> bytes)
    {
        var colon = digest.IndexOf(':', StringComparison.Ordinal);
        if (colon < 0)
        {
            return false;
        }

        var hex = digest[(colon + 1)..];
        return digest[..colon] switch
        {
            "sha256" => string.Equals(Convert.ToHexString(SHA256.HashData(bytes)).ToLowerInvariant(), hex, StringComparison.OrdinalIgnoreCase),
            "sha512" => string.Equals(Convert.ToHexString(SHA512.HashData(bytes)).ToLowerInvariant(), hex, StringComparison.OrdinalIgnoreCase),
            _ => false,
        };
    }

    public static bool IsDigest(string reference) =>
        reference.StartsWith("sha256:", StringComparison.Ordinal) || reference.StartsWith("sha512:", StringComparison.Ordinal);
}
