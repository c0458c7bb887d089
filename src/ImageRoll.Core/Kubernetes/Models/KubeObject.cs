using System.Text.Json;
using System.Text.Json.Serialization;

namespace ImageRoll.Kubernetes.Models;

/// <summary>
/// Base of every typed model: kind, apiVersion, metadata, and every field the model does not name, kept verbatim in
/// <see cref="Extra"/> so a read-modify-write (PUT) never drops what the server or another tool wrote.
/// Models name only what ImageRoll reads or writes; each nested model that is written back also carries Extra.
/// </summary>
public class KubeObject
{
    [JsonPropertyName("kind")]
    public string? Kind { get; set; }

    [JsonPropertyName("apiVersion")]
    public string? ApiVersion { get; set; }

    [JsonPropertyName("metadata")]
    public ObjectMeta Metadata { get; set; } = new();

    [JsonExtensionData]
    public Dictionary<string, JsonElement>? Extra { get; set; }
}
