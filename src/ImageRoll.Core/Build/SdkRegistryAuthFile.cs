using System.Text;
using System.Text.Json.Nodes;
using ImageRoll.Registry.Credentials;

namespace ImageRoll.Build;

/// <summary>
/// The registry logins for one <c>dotnet publish</c> child, in a throwaway Docker config folder: <c>config.json</c>
/// with an <c>auths</c> entry per registry (<c>auth</c> = base64 USER:PASSWORD, plus <c>identitytoken</c> for a
/// token), the folder 0700 and the file 0600, deleted as soon as the child has exited. The child is pointed at it
/// with <c>REGISTRY_AUTH_FILE</c> (the only file the SDK's credential reader, Valleysoft.DockerCredsProvider 2.2+,
/// then reads) and <c>DOCKER_CONFIG</c> (what older readers look at). Unlike the SDK's
/// <c>DOTNET_CONTAINER_*_PWORD</c> variables, which MSBuild records with their values in binlogs and diagnostic logs
/// (msbuild EnvironmentUtilities.IsWellKnownEnvironmentDerivedProperty: every DOTNET_* variable), the child's
/// environment then holds only a path.
/// </summary>
internal sealed class SdkRegistryAuthFile : IDisposable
{
    private SdkRegistryAuthFile(string directory)
    {
        Directory = directory;
    }

    /// <summary>The folder (DOCKER_CONFIG).</summary>
    public string Directory { get; }

    /// <summary>The file (REGISTRY_AUTH_FILE).</summary>
    public string Path => System.IO.Path.Combine(Directory, "config.json");

    /// <summary>The file for these logins (registry as the SDK names it, e.g. <c>127.0.0.1:5000</c>), or null when there is none.</summary>
    public static SdkRegistryAuthFile? Create(IEnumerable<(string Registry, RegistryCredential? Credential)> logins)
    {
        var auths = new JsonObject();
        foreach (var (registry, credential) in logins)
        {
            if (Entry(credential) is not { } entry)
            {
                continue;
            }

            auths[registry] = entry;

            // The SDK asks for Docker Hub under the key docker login writes first (AuthHandshakeMessageHandler.GetLoginCredentials).
            if (RegistryHosts.IsDockerHub(registry))
            {
                auths[RegistryHosts.DockerHubIndexServer] = entry.DeepClone();
            }
        }

        if (auths.Count == 0)
        {
            return null;
        }

        // CreateTempSubdirectory makes the folder 0700 on Unix.
        var file = new SdkRegistryAuthFile(System.IO.Directory.CreateTempSubdirectory("imageroll-sdk-auth-").FullName);
        try
        {
            var options = new FileStreamOptions { Mode = FileMode.CreateNew, Access = FileAccess.Write };
            if (!OperatingSystem.IsWindows())
            {
                options.UnixCreateMode = UnixFileMode.UserRead | UnixFileMode.UserWrite;
            }

            using var stream = new FileStream(file.Path, options);
            stream.Write(Encoding.UTF8.GetBytes(new JsonObject { ["auths"] = auths }.ToJsonString()));
        }
        catch
        {
            file.Dispose();
            throw;
        }

        return file;
    }

    public void Dispose()
    {
        try
        {
            System.IO.Directory.Delete(Directory, recursive: true);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            // Best effort; the folder is private to this user.
        }
    }

    private static JsonObject? Entry(RegistryCredential? credential) => credential switch
    {
        // docker/cli configfile: auth is USER:PASSWORD; with an identity token the password is empty. The SDK's reader
        // wants a non-empty user name next to an identity token.
        { HasIdentityToken: true } => new JsonObject
        {
            ["auth"] = Base64((string.IsNullOrEmpty(credential.Username) ? SdkContainerEnvironment.TokenUser : credential.Username) + ":"),
            ["identitytoken"] = credential.IdentityToken,
        },
        { HasUsernamePassword: true } => new JsonObject { ["auth"] = Base64(credential.Username + ":" + credential.Password) },
        _ => null,
    };

    private static string Base64(string text) => Convert.ToBase64String(Encoding.UTF8.GetBytes(text));
}
