using ImageRoll.Build;
using ImageRoll.Images;
using ImageRoll.IntegrationTests.Infrastructure;

namespace ImageRoll.IntegrationTests.Build;

/// <summary>A digest probe backed by skopeo (stand-in until the registry client's probe is wired in tests).</summary>
public sealed class SkopeoDigestProbe : IRegistryDigestProbe
{
    public async Task<string?> GetDigestAsync(ImageReference reference, CancellationToken cancellationToken)
    {
        var result = await ExternalTool.RunAsync("skopeo", ["inspect", "--tls-verify=false", "--format", "{{.Digest}}", "docker://" + reference], cancellationToken: cancellationToken);
        return result.ExitCode == 0 ? result.Stdout.Trim() : null;
    }
}
