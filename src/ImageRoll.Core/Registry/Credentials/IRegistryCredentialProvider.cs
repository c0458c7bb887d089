namespace ImageRoll.Registry.Credentials;

/// <summary>Finds the login for a registry host (<c>HOST[:PORT]</c>, e.g. <c>docker.io</c>, <c>127.0.0.1:5000</c>).</summary>
public interface IRegistryCredentialProvider
{
    /// <summary>The credential to use, or null to go anonymous. Throws IR108x when a configured source fails.</summary>
    ValueTask<RegistryCredential?> GetAsync(string registryHost, CancellationToken ct);
}
