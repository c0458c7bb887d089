using System.Collections.Concurrent;

namespace ImageRoll.Registry;

/// <summary>
/// The registry clients of one command or release: one <see cref="RegistryClient"/> (one HttpClient, one token
/// cache) per registry host, created on first use with the same options.
/// </summary>
public sealed class RegistrySession : IDisposable
{
    private readonly ConcurrentDictionary<string, Lazy<RegistryClient>> _clients = new(StringComparer.OrdinalIgnoreCase);

    /// <summary>Validates the options up front: a bad <c>--registry-ca</c> or <c>--insecure-registry</c> is bad input (exit 2).</summary>
    public RegistrySession(RegistryClientOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        foreach (var entry in options.InsecureRegistries)
        {
            RegistryHostPolicy.Validate(entry);
        }

        if (options.CaBundlePath is not null)
        {
            foreach (var certificate in RegistryTransport.LoadCaBundle(options.CaBundlePath))
            {
                certificate.Dispose();
            }
        }

        Options = options;
    }

    public RegistryClientOptions Options { get; }

    /// <summary>The client for a registry as image references name it (HOST or HOST:PORT).</summary>
    public RegistryClient For(string registry) =>
        _clients.GetOrAdd(registry, r => new Lazy<RegistryClient>(() => new RegistryClient(r, Options))).Value;

    public void Dispose()
    {
        foreach (var client in _clients.Values.Where(c => c.IsValueCreated))
        {
            client.Value.Dispose();
        }
    }
}
