using System.Collections.Concurrent;

namespace ImageRoll.Registry;

/// <summary>
/// The registry clients of one command or release: one <see cref="RegistryClient"/> (one HttpClient, one token
/// cache) per registry host, created on first use with the same options.
/// </summary>
public sealed class RegistrySession(RegistryClientOptions options) : IDisposable
{
    private readonly ConcurrentDictionary<string, Lazy<RegistryClient>> _clients = new(StringComparer.OrdinalIgnoreCase);

    public RegistryClientOptions Options { get; } = options;

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
