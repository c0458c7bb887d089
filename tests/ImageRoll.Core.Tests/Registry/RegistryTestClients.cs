using ImageRoll.Registry;
using ImageRoll.Registry.Credentials;

namespace ImageRoll.Core.Tests.Registry;

/// <summary>A credential provider that answers one fixed credential and counts lookups.</summary>
public sealed class StaticCredentials(RegistryCredential? credential) : IRegistryCredentialProvider
{
    public int Lookups { get; private set; }

    public ValueTask<RegistryCredential?> GetAsync(string registryHost, CancellationToken cancellationToken)
    {
        Lookups++;
        return ValueTask.FromResult(credential);
    }
}

/// <summary>Builds clients over a <see cref="FakeRegistry"/> whose retry delays are recorded, not slept.</summary>
public static class RegistryTestClients
{
    public const string Host = "reg.example";

    public static RegistryClient Create(FakeRegistry fake, RegistryCredential? credential = null, List<TimeSpan>? delays = null, Func<RegistryClientOptions, RegistryClientOptions>? configure = null)
    {
        var options = new RegistryClientOptions
        {
            HandlerFactory = _ => fake,
            Credentials = new StaticCredentials(credential),
            Delay = (d, _) =>
            {
                lock (fake)
                {
                    delays?.Add(d);
                }

                return Task.CompletedTask;
            },
        };
        return new RegistryClient(Host, configure?.Invoke(options) ?? options);
    }

    public static byte[] RandomBytes(int size, int seed)
    {
        var bytes = new byte[size];
        new Random(seed).NextBytes(bytes);
        return bytes;
    }
}
