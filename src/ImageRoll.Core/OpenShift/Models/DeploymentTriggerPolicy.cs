using System.Text.Json;
using System.Text.Json.Serialization;

namespace ImageRoll.OpenShift.Models;

/// <summary><c>{type: ImageChange|ConfigChange, imageChangeParams}</c>.</summary>
public sealed class DeploymentTriggerPolicy
{
    public const string ImageChange = "ImageChange";
    public const string ConfigChange = "ConfigChange";

    [JsonPropertyName("type")]
    public string? Type { get; set; }

    [JsonPropertyName("imageChangeParams")]
    public DeploymentTriggerImageChangeParams? ImageChangeParams { get; set; }

    [JsonExtensionData]
    public Dictionary<string, JsonElement>? Extra { get; set; }
}
