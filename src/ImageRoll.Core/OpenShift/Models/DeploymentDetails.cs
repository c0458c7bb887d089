using System.Text.Json;
using System.Text.Json.Serialization;

namespace ImageRoll.OpenShift.Models;

/// <summary><c>{message: "image change", causes: [{type: ImageChange, imageTrigger: {from: {kind: DockerImage, name}}}]}</c>.</summary>
public sealed class DeploymentDetails
{
    [JsonPropertyName("message")]
    public string? Message { get; set; }

    [JsonPropertyName("causes")]
    public List<DeploymentCause> Causes { get; set => field = value ?? []; } = [];

    [JsonExtensionData]
    public Dictionary<string, JsonElement>? Extra { get; set; }
}
