using System.Text.Json;
using System.Text.Json.Serialization;

namespace ImageRoll.OpenShift.Models;

/// <summary>A status tag: its history, newest first, and import conditions. Real servers send <c>items: null</c>.</summary>
public sealed class NamedTagEventList
{
    [JsonPropertyName("tag")]
    public string Tag { get; set; } = string.Empty;

    [JsonPropertyName("items")]
    public List<TagEvent> Items { get; set => field = value ?? []; } = [];

    [JsonPropertyName("conditions")]
    public List<TagEventCondition> Conditions { get; set => field = value ?? []; } = [];

    [JsonExtensionData]
    public Dictionary<string, JsonElement>? Extra { get; set; }
}
