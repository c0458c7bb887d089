using System.Text.Json;
using System.Text.Json.Serialization;

namespace ImageRoll.OpenShift.Models;

/// <summary><c>{type: Source|Local}</c>: Local makes consumers pull through the integrated registry.</summary>
public sealed class TagReferencePolicy
{
    [JsonPropertyName("type")]
    public string? Type { get; set; }

    [JsonExtensionData]
    public Dictionary<string, JsonElement>? Extra { get; set; }
}
