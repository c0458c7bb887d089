using System.Text.Json;
using System.Text.Json.Serialization;

namespace ImageRoll.OpenShift.Models;

public sealed class TagEvent
{
    [JsonPropertyName("created")]
    public DateTimeOffset? Created { get; set; }

    [JsonPropertyName("dockerImageReference")]
    public string? DockerImageReference { get; set; }

    /// <summary>The image's digest (<c>sha256:...</c>): for a Legacy import of an index, the platform child's.</summary>
    [JsonPropertyName("image")]
    public string? Image { get; set; }

    [JsonPropertyName("generation")]
    public long Generation { get; set; }

    [JsonExtensionData]
    public Dictionary<string, JsonElement>? Extra { get; set; }
}
