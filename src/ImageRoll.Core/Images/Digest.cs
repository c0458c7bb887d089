using System.Buffers;
using System.Security.Cryptography;

namespace ImageRoll.Images;

/// <summary>
/// Content digests <c>algorithm:hex</c> as the OCI image spec and opencontainers/go-digest define them: sha256 (64
/// lower-case hex) and sha512 (128) are supported; anything else is rejected the way go-digest's Validate does
/// (ErrDigestInvalidFormat, ErrDigestUnsupported, ErrDigestInvalidLength). Codes IR2120-IR2122.
/// </summary>
public static class Digest
{
    public const string Sha256Prefix = "sha256:";
    public const string Sha512Prefix = "sha512:";

    private const int BufferSize = 1 << 20;

    /// <summary>True when <paramref name="digest"/> is a supported, well-formed digest.</summary>
    public static bool IsValid(string? digest) => digest is not null && Check(digest) is null;

    /// <summary>Throws IR2120 (malformed), IR2121 (unsupported algorithm) or IR2122 (wrong length), naming <paramref name="context"/>.</summary>
    public static void Validate(string digest, string context = "digest")
    {
        ArgumentNullException.ThrowIfNull(digest);
        if (Check(digest) is { } problem)
        {
            var shown = digest.Length <= 140 ? digest : digest[..137] + "...";
            throw new ImageRollException(problem.Code, FailureKind.BadInput, $"In {context}: digest '{shown}' {problem.Why}.",
                "A digest is sha256: followed by 64 lower-case hex digits (or sha512: and 128), e.g. sha256:" + new string('0', 64) + ".");
        }
    }

    /// <summary>The algorithm part (<c>sha256</c>) of a valid digest.</summary>
    public static string Algorithm(string digest) => digest[..digest.IndexOf(':', StringComparison.Ordinal)];

    /// <summary>The hex part of a valid digest.</summary>
    public static string Hex(string digest) => digest[(digest.IndexOf(':', StringComparison.Ordinal) + 1)..];

    /// <summary><c>sha256:</c> + the lower-case hex sha256 of <paramref name="bytes"/>.</summary>
    public static string ComputeSha256(ReadOnlySpan<byte> bytes) => Sha256Prefix + Convert.ToHexString(SHA256.HashData(bytes)).ToLowerInvariant();

    /// <summary>Hashes a stream to its end without holding it in memory; returns the digest and the byte count.</summary>
    public static async Task<(string Digest, long Length)> ComputeSha256Async(Stream stream, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(stream);
        using var hash = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
        var buffer = ArrayPool<byte>.Shared.Rent(BufferSize);
        try
        {
            long length = 0;
            int read;
            while ((read = await stream.ReadAsync(buffer.AsMemory(0, BufferSize), cancellationToken).ConfigureAwait(false)) > 0)
            {
                hash.AppendData(buffer, 0, read);
                length += read;
            }

            return (Sha256Prefix + Convert.ToHexString(hash.GetHashAndReset()).ToLowerInvariant(), length);
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(buffer);
        }
    }

    /// <summary>True when <paramref name="digest"/> is the digest of <paramref name="bytes"/> (sha256 or sha512).</summary>
    public static bool Matches(string digest, ReadOnlySpan<byte> bytes)
    {
        if (!IsValid(digest))
        {
            return false;
        }

        return Algorithm(digest) == "sha512"
            ? Hex(digest) == Convert.ToHexString(SHA512.HashData(bytes)).ToLowerInvariant()
            : Hex(digest) == Convert.ToHexString(SHA256.HashData(bytes)).ToLowerInvariant();
    }

    private static (string Code, string Why)? Check(string digest)
    {
        if (!ReferenceGrammar.DigestShape().IsMatch(digest))
        {
            return (ImageErrors.BadDigest, "is not of the form algorithm:hex (at least 32 hex digits)");
        }

        var algorithm = Algorithm(digest);
        var hex = Hex(digest);
        int expected;
        switch (algorithm)
        {
            case "sha256":
                expected = 64;
                break;
            case "sha512":
                expected = 128;
                break;
            default:
                return (ImageErrors.UnsupportedDigestAlgorithm, $"uses algorithm '{algorithm}', which is not supported (sha256 or sha512)");
        }

        if (hex.Length != expected)
        {
            return (ImageErrors.BadDigestLength, $"has {hex.Length} hex digits; {algorithm} needs exactly {expected}");
        }

        // go-digest's encoded form is lower-case hex only ([a-f0-9]); upper-case digits are a different string.
        if (hex.Any(c => c is >= 'A' and <= 'F'))
        {
            return (ImageErrors.BadDigest, "has upper-case hex digits; digests are lower case");
        }

        return null;
    }
}
