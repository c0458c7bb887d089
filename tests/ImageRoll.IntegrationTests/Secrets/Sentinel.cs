using System.Security.Cryptography;
using System.Text;

namespace ImageRoll.IntegrationTests.Secrets;

/// <summary>
/// One secret value a test hands ImageRoll, recognisable and unique to the run (<c>IRSECRET-KIND-&lt;hex&gt;</c> with
/// characters that base64, URL and JSON encode differently), and every form in which it could leak: the random core
/// (which survives URL-encoding, JSON escaping and quoting unchanged) and its base64/base64url text at each of the
/// three byte alignments it can have inside a longer encoded value (<c>base64(user:password)</c>, an
/// <c>X-Registry-Auth</c> header, a kubeconfig's <c>-data</c> field).
/// </summary>
public sealed class Sentinel
{
    public Sentinel(string kind, string value)
    {
        Kind = kind;
        Value = value;
        Forms = [.. BuildForms(value)];
    }

    public string Kind { get; }

    public string Value { get; }

    /// <summary>What no output may contain (each at least 16 characters).</summary>
    public IReadOnlyList<string> Forms { get; }

    /// <summary>A new secret of this kind: <c>IRSECRET-KIND-&lt;24 hex&gt;+/=</c> (or only URL-safe characters).</summary>
    public static Sentinel New(string kind, bool headerSafe = false)
    {
        var core = $"IRSECRET-{kind}-{Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(12))}";
        return new Sentinel(kind, headerSafe ? core : core + "+/=");
    }

    /// <summary>A secret the test did not choose (a cluster's token, a generated key) under a name.</summary>
    public static Sentinel Of(string kind, string value) => new(kind, value);

    /// <summary>The first form of this secret in <paramref name="text"/>, or null.</summary>
    public string? FindIn(string text) => Forms.FirstOrDefault(f => text.Contains(f, StringComparison.Ordinal));

    public override string ToString() => Kind;

    private static IEnumerable<string> BuildForms(string value)
    {
        var core = Core(value);
        yield return core;
        if (Uri.EscapeDataString(value) is var escaped && escaped != value)
        {
            yield return escaped;
        }

        var bytes = Encoding.UTF8.GetBytes(value);
        for (var shift = 0; shift < 3; shift++)
        {
            // shift bytes before the secret: keep only the base64 groups made of the secret's bytes alone.
            var padded = new byte[shift + bytes.Length];
            bytes.CopyTo(padded, shift);
            var encoded = Convert.ToBase64String(padded);
            var firstGroup = (shift + 2) / 3;
            var endGroup = padded.Length / 3;
            if (endGroup - firstGroup < 4)
            {
                continue;
            }

            var inner = encoded[(firstGroup * 4)..(endGroup * 4)];
            yield return inner;
            if (inner.Replace('+', '-').Replace('/', '_') is var url && url != inner)
            {
                yield return url;
            }
        }
    }

    /// <summary>The longest run of the value without characters that encoders change.</summary>
    private static string Core(string value)
    {
        var runs = value.Split(['+', '/', '=', '%', '"', '\\', '&', ' ', '\n'], StringSplitOptions.RemoveEmptyEntries);
        var longest = runs.OrderByDescending(r => r.Length).FirstOrDefault() ?? value;
        return longest.Length >= 16 ? longest : value;
    }
}
