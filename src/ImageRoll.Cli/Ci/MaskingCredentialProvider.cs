using ImageRoll.Registry.Credentials;

namespace ImageRoll.Cli.Ci;

/// <summary>Registry credentials (environment, auth files, credential helpers) pass through here, so their secrets are masked before use.</summary>
public sealed class MaskingCredentialProvider(IRegistryCredentialProvider inner, SecretMasker masker) : IRegistryCredentialProvider
{
    public async ValueTask<RegistryCredential?> GetAsync(string registryHost, CancellationToken ct)
    {
        var credential = await inner.GetAsync(registryHost, ct).ConfigureAwait(false);
        if (credential is not null)
        {
            masker.Seen(credential.Password);
            masker.Seen(credential.IdentityToken);
        }

        return credential;
    }
}
