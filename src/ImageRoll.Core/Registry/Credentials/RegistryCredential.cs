namespace ImageRoll.Registry.Credentials;

/// <summary>
/// A login for one registry: a user name and password (HTTP Basic, or the token service's password grant), or an
/// identity token (an OAuth2 refresh token that <c>docker login</c> stores as <c>identitytoken</c> and credential
/// helpers return under the user name <c>&lt;token&gt;</c>). <see cref="ToString"/> never shows a secret.
/// </summary>
public sealed record RegistryCredential(string? Username, string? Password, string? IdentityToken)
{
    /// <summary>True when there is an identity token to trade at the token service.</summary>
    public bool HasIdentityToken => !string.IsNullOrEmpty(IdentityToken);

    /// <summary>True when there is a user name and password for Basic auth.</summary>
    public bool HasUsernamePassword => !string.IsNullOrEmpty(Username) && Password is not null;

    public override string ToString() =>
        $"RegistryCredential {{ Username = {Username ?? "(none)"}, Password = {Mask(Password)}, IdentityToken = {Mask(IdentityToken)} }}";

    private static string Mask(string? secret) => string.IsNullOrEmpty(secret) ? "(none)" : "***";
}
