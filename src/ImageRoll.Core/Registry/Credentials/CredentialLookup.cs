namespace ImageRoll.Registry.Credentials;

/// <summary>A credential and where it came from (for logs: never the secret, only the source).</summary>
/// <param name="Source">E.g. <c>IMAGEROLL_REGISTRY_USERNAME</c>, <c>/home/u/.docker/config.json (auths)</c>, <c>docker-credential-pass</c>.</param>
public sealed record CredentialLookup(RegistryCredential Credential, string Source);
