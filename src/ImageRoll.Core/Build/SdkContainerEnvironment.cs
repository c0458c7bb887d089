using ImageRoll.Registry.Credentials;

namespace ImageRoll.Build;

/// <summary>
/// The environment of the <c>dotnet publish</c> child. The .NET SDK's container tooling reads registry logins from
/// DOTNET_CONTAINER_PUSH_REGISTRY_*, DOTNET_CONTAINER_REGISTRY_*, SDK_CONTAINER_REGISTRY_* (push) and
/// DOTNET_CONTAINER_PULL_REGISTRY_* (base image) before anything else (dotnet/sdk src/Containers,
/// AuthHandshakeMessageHandler.GetDockerCredentialsFromEnvironment), but MSBuild writes every DOTNET_* variable with
/// its value into binlogs and diagnostic logs (msbuild EnvironmentUtilities.IsWellKnownEnvironmentDerivedProperty;
/// BuildEventArgsWriter writes them as the build's environment), and a child's binlog is one <c>-bl</c> in a
/// Directory.Build.rsp, or MSBUILDDEBUGENGINE, away. So ImageRoll's logins go to the child only as a throwaway Docker
/// config (<see cref="SdkRegistryAuthFile"/>, the SDK's second source): the environment holds its path, and
/// ImageRoll's own secrets and the variables that would override the file are taken out.
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

    /// <summary>The auth file the SDK's credential reader reads alone when set (containers-auth.json convention).</summary>
    public const string RegistryAuthFile = "REGISTRY_AUTH_FILE";

    /// <summary>The Docker config folder (older credential readers look only here).</summary>
    public const string DockerConfig = "DOCKER_CONFIG";

    /// <summary>MSBuild's switch to record the whole environment (not only DOTNET_*, MSBUILD*, COMPLUS_*) in its logs.</summary>
    public const string LogAllEnvironmentVariables = "MSBUILDLOGALLENVIRONMENTVARIABLES";

    /// <summary>
    /// Variables the child never gets, whatever this process has: ImageRoll's own registry login (the child does not
    /// read it) and MSBuild's switch to log every variable.
    /// </summary>
    public static IReadOnlyList<string> Withheld { get; } =
    [
        DefaultRegistryCredentialProvider.UsernameVariable,
        DefaultRegistryCredentialProvider.PasswordVariable,
        LogAllEnvironmentVariables,
    ];

    /// <summary>
    /// The variables to set (value) or remove (null) for the child: the auth file when there is one, and without the
    /// SDK's own login variables for a login the file carries (they would win over it).
    /// </summary>
    public static Dictionary<string, string?> For(string? authFile, bool hasPush, bool hasPull, IReadOnlyList<string> insecureRegistries)
    {
        ArgumentNullException.ThrowIfNull(insecureRegistries);
        var env = new Dictionary<string, string?>(StringComparer.Ordinal);
        foreach (var name in Withheld)
        {
            env[name] = null;
        }

        if (authFile is not null)
        {
            env[RegistryAuthFile] = authFile;
            env[DockerConfig] = Path.GetDirectoryName(authFile);
            if (hasPush)
            {
                foreach (var name in new[] { PushUser, PushPassword, User, Password, LegacyUser, LegacyPassword })
                {
                    env[name] = null;
                }
            }

            if (hasPull)
            {
                env[PullUser] = null;
                env[PullPassword] = null;
            }
        }

        if (insecureRegistries.Count > 0)
        {
            env[InsecureRegistries] = string.Join(';', insecureRegistries);
        }

        return env;
    }
}
