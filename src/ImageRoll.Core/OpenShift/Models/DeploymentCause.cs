using System.Text.Json;
using System.Text.Json.Serialization;

namespace ImageRoll.OpenShift.Models;

public sealed class DeploymentCause
{
    [JsonPropertyName("type")]
    public string? Type { get; set; }

    [JsonPropertyName("imageTrigger")]
    public DeploymentCauseImageTrigger? ImageTrigger { get; set; }

    [JsonExtensionData]
    public Dictionary<string, JsonElement>? Extra { get; set; }
}
