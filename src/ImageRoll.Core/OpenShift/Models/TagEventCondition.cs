using System.Text.Json;
using System.Text.Json.Serialization;

namespace ImageRoll.OpenShift.Models;

/// <summary>An import condition on a status tag: <c>type: ImportSuccess, status: "False"</c> on failure.</summary>
public sealed class TagEventCondition
{
    [JsonPropertyName("type")]
    public string? Type { get; set; }

    [JsonPropertyName("status")]
    public string? Status { get; set; }

    [JsonPropertyName("lastTransitionTime")]
    public DateTimeOffset? LastTransitionTime { get; set; }

    [JsonPropertyName("reason")]
    public string? Reason { get; set; }

    [JsonPropertyName("message")]
    public string? Message { get; set; }

    [JsonPropertyName("generation")]
    public long Generation { get; set; }

    [JsonExtensionData]
    public Dictionary<string, JsonElement>? Extra { get; set; }
}
