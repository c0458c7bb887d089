using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.Json.Serialization;

namespace ImageRoll.OpenShift.Models;

public sealed class DeploymentConfigSpec
{
    [JsonPropertyName("triggers")]
    public List<DeploymentTriggerPolicy> Triggers { get; set => field = value ?? []; } = [];

    [JsonPropertyName("paused")]
    public bool? Paused { get; set; }

    [JsonPropertyName("replicas")]
    public int? Replicas { get; set; }

    /// <summary>The pod template, kept as JSON so a write-back never loses a field.</summary>
    [JsonPropertyName("template")]
    public JsonObject? Template { get; set; }

    [JsonExtensionData]
    public Dictionary<string, JsonElement>? Extra { get; set; }
}
