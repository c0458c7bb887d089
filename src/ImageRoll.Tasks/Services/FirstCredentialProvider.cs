using ImageRoll.Registry.Credentials;

namespace ImageRoll.Tasks.Services;

/// <summary>Asks each provider in turn; the first that has a credential for the host wins.</summary>
public sealed class FirstCredentialProvider(params IRegistryCredentialProvider[] providers) : IRegistryCredentialProvider
{
    public async ValueTask<RegistryCredential?> GetAsync(string registryHost, CancellationToken ct)
    {
        foreach (var provider in providers)
        {
            if (await provider.GetAsync(registryHost, ct).ConfigureAwait(false) is { } credential)
            {
                return credential;
            }
        }

        return null;
    }
}
