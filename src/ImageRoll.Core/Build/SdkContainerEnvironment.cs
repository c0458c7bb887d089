using ImageRoll.Registry.Credentials;

namespace ImageRoll.Build;

/// <summary>
/// The environment variables through which the .NET SDK's container tooling takes registry settings
/// (dotnet/sdk src/Containers: ContainerHelpers and AuthHandshakeMessageHandler.GetDockerCredentialsFromEnvironment).
/// Pushes read DOTNET_CONTAINER_PUSH_REGISTRY_*, then DOTNET_CONTAINER_REGISTRY_*, then the pre-8.0.400 names
/// SDK_CONTAINER_REGISTRY_*; base-image pulls read DOTNET_CONTAINER_PULL_REGISTRY_*. Secrets only ever travel here,
/// never on the command line (command lines get logged).
/// </summary>
public static class SdkContainerEnvironment
{
    public const string PushUser = "DOTNET_CONTAINER_PUSH_REGISTRY_UNAME";
    public const string PushPassword = "DOTNET_CONTAINER_PUSH_REGISTRY_PWORD";
    public const string PullUser = "DOTNET_CONTAINER_PULL_REGISTRY_UNAME";
    public const string PullPassword = "DOTNET_CONTAINER_PULL_REGISTRY_PWORD";
    public const string User = "DOTNET_CONTAINER_REGISTRY_UNAME";
    public const string Password = "DOTNET_CONTAINER_REGISTRY_PWORD";
    public const string LegacyUser = "SDK_CONTAINER_REGISTRY_UNAME";
    public const string LegacyPassword = "SDK_CONTAINER_REGISTRY_PWORD";

    /// <summary>
    /// HOST[:PORT] list the SDK may reach over plain HTTP or unverified TLS (SDK 9.0.1xx+). Semicolon-separated
    /// (RegistrySettings.IsInsecureRegistry): a comma-joined list matches nothing, whatever blog posts say.
    /// </summary>
    public const string InsecureRegistries = "DOTNET_CONTAINER_INSECURE_REGISTRIES";

    /// <summary>The SDK's convention for a token used as a password (docs: "the username should be &lt;token&gt;").</summary>
    public const string TokenUser = "<token>";

    /// <summary>The variables for a push to a registry with <paramref name="push"/> and a base image from one with <paramref name="pull"/>.</summary>
    public static Dictionary<string, string?> For(RegistryCredential? push, RegistryCredential? pull, IReadOnlyList<string> insecureRegistries)
    {
        ArgumentNullException.ThrowIfNull(insecureRegistries);
        var env = new Dictionary<string, string?>(StringComparer.Ordinal);
        if (Pair(push) is var (user, password))
        {
            env[PushUser] = user;
            env[PushPassword] = password;
            // SDKs before the push/pull split only know the generic names (and before 8.0.400 the SDK_ ones).
            env[User] = user;
            env[Password] = password;
            env[LegacyUser] = user;
            env[LegacyPassword] = password;
        }

        if (Pair(pull) is var (pullUser, pullPassword))
        {
            env[PullUser] = pullUser;
            env[PullPassword] = pullPassword;
        }

        if (insecureRegistries.Count > 0)
        {
            env[InsecureRegistries] = string.Join(';', insecureRegistries);
        }

        return env;
    }

    private static (string User, string Password)? Pair(RegistryCredential? credential) => credential switch
    {
        { HasIdentityToken: true } => (TokenUser, credential.IdentityToken!),
        { HasUsernamePassword: true } => (credential.Username!, credential.Password!),
        _ => null,
    };
}
