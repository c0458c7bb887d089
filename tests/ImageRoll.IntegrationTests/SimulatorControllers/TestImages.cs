using ImageRoll.IntegrationTests.Infrastructure;

namespace ImageRoll.IntegrationTests.SimulatorControllers;

/// <summary>
/// Small real images in the real registry: an OCI layout from build/demo-image.sh (busybox) copied with skopeo.
/// Each distinct text is a distinct digest; built once per test run.
/// </summary>
public static class TestImages
{
    private static readonly Dictionary<string, Lazy<Task<string>>> Images = new(StringComparer.Ordinal);

    /// <summary>The digest reference <c>REG/simctl/app@sha256:...</c> of the image for <paramref name="text"/>.</summary>
    public static Task<string> DigestReferenceAsync(string text)
    {
        var registry = TestServices.Registry;
        lock (Images)
        {
            if (!Images.TryGetValue(text, out var image))
            {
                image = new Lazy<Task<string>>(() => PushAsync(registry, text));
                Images[text] = image;
            }

            return image.Value;
        }
    }

    /// <summary>A well-formed reference to an image the registry does not have.</summary>
    public static string Missing => $"{TestServices.Registry}/simctl/missing@sha256:{new string('0', 63)}1";

    /// <summary>Pushes the image for <paramref name="text"/> to <paramref name="repositoryAndTag"/> (REPO:TAG) in the test registry.</summary>
    public static async Task PushToAsync(string text, string repositoryAndTag)
    {
        var source = await DigestReferenceAsync(text);
        var copy = await ExternalTool.RunAsync("skopeo",
            ["copy", "--quiet", "--src-tls-verify=false", "--dest-tls-verify=false", $"docker://{source}", $"docker://{TestServices.Registry}/{repositoryAndTag}"]);
        copy.EnsureSuccess("skopeo copy");
    }

    private static async Task<string> PushAsync(string registry, string text)
    {
        var dir = Path.Combine(Path.GetTempPath(), "imageroll-simctl-" + Guid.NewGuid().ToString("N"));
        try
        {
            var built = await ExternalTool.RunAsync("bash", [Path.Combine(TestServices.RepoRoot, "build", "demo-image.sh"), dir, text]);
            built.EnsureSuccess("build/demo-image.sh");
            var digest = built.Stdout.Trim().Split('\n')[^1].Trim();
            var copy = await ExternalTool.RunAsync("skopeo",
                ["copy", "--quiet", "--dest-tls-verify=false", $"oci:{dir}:latest", $"docker://{registry}/simctl/app:{text}"]);
            copy.EnsureSuccess("skopeo copy");
            return $"{registry}/simctl/app@{digest}";
        }
        finally
        {
            if (Directory.Exists(dir))
            {
                Directory.Delete(dir, recursive: true);
            }
        }
    }
}
