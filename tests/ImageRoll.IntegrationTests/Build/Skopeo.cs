using System.Text.Json;
using ImageRoll.IntegrationTests.Infrastructure;

namespace ImageRoll.IntegrationTests.Build;

/// <summary>skopeo as the independent witness of what the registry serves (plain-HTTP test registry).</summary>
public static class Skopeo
{
    public static async Task<JsonElement> InspectAsync(string reference)
    {
        var result = await ExternalTool.RunAsync("skopeo", ["inspect", "--tls-verify=false", "docker://" + reference]);
        result.EnsureSuccess("skopeo inspect " + reference);
        return JsonDocument.Parse(result.Stdout).RootElement.Clone();
    }

    public static async Task<string> DigestAsync(string reference) => (await InspectAsync(reference)).GetProperty("Digest").GetString()!;
}
