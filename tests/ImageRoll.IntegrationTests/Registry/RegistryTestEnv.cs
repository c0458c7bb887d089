using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using ImageRoll.IntegrationTests.Infrastructure;

namespace ImageRoll.IntegrationTests.Registry;

/// <summary>
/// The two real registries of build/services.sh and the real skopeo as the judge: credentials reach skopeo only
/// through a temporary auth.json (--authfile), the test CA through --cert-dir; nothing secret on a command line.
/// </summary>
public sealed class RegistryTestEnv : IDisposable
{
    public RegistryTestEnv()
    {
        Root = System.IO.Directory.CreateTempSubdirectory("imageroll-registry-it-").FullName;
        CertDir = System.IO.Directory.CreateDirectory(Path.Combine(Root, "certs")).FullName;
        File.Copy(TestServices.RegistryCa, Path.Combine(CertDir, "ca.crt"));
        AuthFile = Path.Combine(Root, "auth.json");
        var auth = Convert.ToBase64String(Encoding.UTF8.GetBytes($"{TestServices.AuthUser}:{TestServices.AuthPassword}"));
        File.WriteAllText(AuthFile, JsonSerializer.Serialize(new { auths = new Dictionary<string, object> { [TestServices.AuthRegistry] = new { auth } } }));
    }

    public string Root { get; }

    public string CertDir { get; }

    public string AuthFile { get; }

    public static string Plain => TestServices.Registry;

    public static string Secure => TestServices.AuthRegistry;

    /// <summary>A repository name no other test uses.</summary>
    public static string UniqueRepo(string prefix) => $"it/{prefix}-{Guid.NewGuid().ToString("N")[..12]}";

    /// <summary>Environment for ImageRoll: the auth registry's login, and no ambient docker/podman config.</summary>
    public Dictionary<string, string?> ImageRollEnv() => new()
    {
        ["IMAGEROLL_REGISTRY_USERNAME"] = TestServices.AuthUser,
        ["IMAGEROLL_REGISTRY_PASSWORD"] = TestServices.AuthPassword,
        ["IMAGEROLL_REGISTRY"] = TestServices.AuthRegistry,
        ["HOME"] = Root,
        ["DOCKER_CONFIG"] = Path.Combine(Root, "docker"),
        ["REGISTRY_AUTH_FILE"] = Path.Combine(Root, "no-auth.json"),
    };

    public string NewDir(string name) => System.IO.Directory.CreateDirectory(Path.Combine(Root, name + "-" + Guid.NewGuid().ToString("N")[..8])).FullName;

    /// <summary>skopeo copy with the right TLS and credential flags for docker:// references on either registry.</summary>
    public Task<ToolResult> SkopeoCopyAsync(string source, string destination, params string[] extra) =>
        SkopeoAsync(["copy", .. FlagsFor(source, "--src-"), .. FlagsFor(destination, "--dest-"), .. extra, source, destination]);

    public async Task<ToolResult> SkopeoAsync(IReadOnlyList<string> args) =>
        (await ExternalTool.RunAsync("skopeo", args, timeout: TimeSpan.FromMinutes(5), cancellationToken: TestContext.Current.CancellationToken))
            .EnsureSuccess("skopeo " + string.Join(' ', args));

    /// <summary>sha256 of the manifest bytes skopeo reads from the registry.</summary>
    public async Task<(string Digest, string Raw)> InspectRawAsync(string reference)
    {
        var result = await SkopeoAsync(["inspect", .. FlagsFor("docker://" + reference, "--"), "--raw", "docker://" + reference]);
        var bytes = Encoding.UTF8.GetBytes(result.Stdout);
        return ("sha256:" + Convert.ToHexString(SHA256.HashData(bytes)).ToLowerInvariant(), result.Stdout);
    }

    /// <summary>Layer digests of the image as skopeo sees them after copying it back into a fresh OCI layout.</summary>
    public async Task<IReadOnlyList<string>> LayersViaOciLayoutAsync(string reference)
    {
        var dir = NewDir("back");
        // Without this flag skopeo gzips uncompressed layers on the way into an OCI layout, changing their digests.
        await SkopeoCopyAsync("docker://" + reference, $"oci:{dir}:x", "--dest-oci-accept-uncompressed-layers");
        using var index = JsonDocument.Parse(File.ReadAllText(Path.Combine(dir, "index.json")));
        var manifestDigest = index.RootElement.GetProperty("manifests")[0].GetProperty("digest").GetString()!;
        using var manifest = JsonDocument.Parse(File.ReadAllBytes(Path.Combine(dir, "blobs", "sha256", manifestDigest[7..])));
        return manifest.RootElement.GetProperty("layers").EnumerateArray().Select(l => l.GetProperty("digest").GetString()!).ToList();
    }

    private IEnumerable<string> FlagsFor(string reference, string prefix)
    {
        if (!reference.StartsWith("docker://", StringComparison.Ordinal))
        {
            return [];
        }

        return reference.Contains(Secure, StringComparison.Ordinal)
            ? [$"{prefix}cert-dir={CertDir}", $"{prefix}authfile={AuthFile}"]
            : [$"{prefix}tls-verify=false"];
    }

    public void Dispose()
    {
        try
        {
            System.IO.Directory.Delete(Root, recursive: true);
        }
        catch (IOException)
        {
        }
    }
}
