namespace ImageRoll.Registry;

/// <summary>What ImageRoll may do with one registry host: insecure (HTTP or unverified TLS) only when the user named it.</summary>
public sealed record RegistryHostPolicy(string Host, bool Insecure, string? CaBundlePath)
{
    /// <summary>
    /// <c>--insecure-registry</c> matching as Docker's daemon does it: HOST:PORT matches exactly; a bare HOST matches
    /// that host on any port. Case-insensitive.
    /// </summary>
    public static RegistryHostPolicy For(string host, RegistryClientOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        var insecure = options.InsecureRegistries.Any(entry => Matches(entry, host));
        return new RegistryHostPolicy(host, insecure, options.CaBundlePath);
    }

    internal static bool Matches(string entry, string host)
    {
        entry = entry.Trim();
        foreach (var prefix in new[] { "https://", "http://" })
        {
            if (entry.StartsWith(prefix, StringComparison.OrdinalIgnoreCase))
            {
                entry = entry[prefix.Length..];
            }
        }

        entry = entry.TrimEnd('/');
        if (string.Equals(entry, host, StringComparison.OrdinalIgnoreCase))
        {
            return true;
        }

        return !HasPort(entry) && string.Equals(entry, StripPort(host), StringComparison.OrdinalIgnoreCase);
    }

    /// <summary>Rejects an <c>--insecure-registry</c> value that is not HOST[:PORT].</summary>
    public static void Validate(string entry)
    {
        var e = entry?.Trim() ?? string.Empty;
        if (e.Length == 0 || e.Contains('/', StringComparison.Ordinal) && !e.StartsWith("http", StringComparison.OrdinalIgnoreCase) || e.Contains(' ', StringComparison.Ordinal))
        {
            throw new ImageRollException(RegistryErrors.BadInsecureRegistry, FailureKind.BadInput,
                $"--insecure-registry '{entry}' is not HOST or HOST:PORT.",
                "Name the registry host as in the image reference, for example --insecure-registry 127.0.0.1:5000.");
        }
    }

    private static bool HasPort(string hostPort) =>
        hostPort.StartsWith('[') ? hostPort.Contains("]:", StringComparison.Ordinal) : hostPort.Contains(':', StringComparison.Ordinal);

    private static string StripPort(string hostPort)
    {
        if (hostPort.StartsWith('['))
        {
            var end = hostPort.IndexOf(']', StringComparison.Ordinal);
            return end > 0 ? hostPort[..(end + 1)] : hostPort;
        }

        var colon = hostPort.LastIndexOf(':');
        return colon > 0 ? hostPort[..colon] : hostPort;
    }
}
