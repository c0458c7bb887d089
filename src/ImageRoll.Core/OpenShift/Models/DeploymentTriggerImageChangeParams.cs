using System.Text.Json;
using System.Text.Json.Serialization;
using ImageRoll.Kubernetes.Models;

namespace ImageRoll.OpenShift.Models;

public sealed class DeploymentTriggerImageChangeParams
{
    /// <summary>Only automatic triggers are acted on by the DC image trigger reactor.</summary>
    [JsonPropertyName("automatic")]
    public bool? Automatic { get; set; }

    [JsonPropertyName("containerNames")]
    public List<string> ContainerNames { get; set => field = value ?? []; } = [];

    [JsonPropertyName("from")]
    public ObjectReference? From { get; set; }

    [JsonPropertyName("lastTriggeredImage")]
    public string? LastTriggeredImage { get; set; }

    [JsonExtensionData]
    public Dictionary<string, JsonElement>? Extra { get; set; }
}
