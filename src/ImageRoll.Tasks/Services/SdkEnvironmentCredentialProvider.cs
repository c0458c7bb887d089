using ImageRoll.Build;
using ImageRoll.Registry.Credentials;

namespace ImageRoll.Tasks.Services;

/// <summary>
/// The credentials the SDK's PublishContainer was given for its push (dotnet/sdk src/Containers,
/// AuthHandshakeMessageHandler.GetDockerCredentialsFromEnvironment): DOTNET_CONTAINER_PUSH_REGISTRY_UNAME/PWORD, then
/// DOTNET_CONTAINER_REGISTRY_*, then the pre-8.0.400 SDK_CONTAINER_REGISTRY_*. Used only for the registry the SDK
/// pushed to, so a build that set them once for the SDK needs nothing more for the release.
/// </summary>
public sealed class SdkEnvironmentCredentialProvider(string registry, Func<string, string?> environment) : IRegistryCredentialProvider
{
    private static readonly (string User, string Password)[] Pairs =
    [
        (SdkContainerEnvironment.PushUser, SdkContainerEnvironment.PushPassword),
        (SdkContainerEnvironment.User, SdkContainerEnvironment.Password),
        (SdkContainerEnvironment.LegacyUser, SdkContainerEnvironment.LegacyPassword),
    ];

    public ValueTask<RegistryCredential?> GetAsync(string registryHost, CancellationToken ct)
    {
        if (!string.Equals(RegistryHosts.Normalize(registryHost), RegistryHosts.Normalize(registry), StringComparison.OrdinalIgnoreCase))
        {
            return ValueTask.FromResult<RegistryCredential?>(null);
        }

        foreach (var (userVariable, passwordVariable) in Pairs)
        {
            var user = environment(userVariable);
            var password = environment(passwordVariable);
            if (!string.IsNullOrEmpty(user) && password is not null)
            {
                // The SDK's convention: the user name <token> means the password is an identity token.
                return ValueTask.FromResult<RegistryCredential?>(user == SdkContainerEnvironment.TokenUser
                    ? new RegistryCredential(null, null, password)
                    : new RegistryCredential(user, password, null));
            }
        }

        return ValueTask.FromResult<RegistryCredential?>(null);
    }
}
