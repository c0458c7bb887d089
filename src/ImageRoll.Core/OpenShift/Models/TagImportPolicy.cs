using System.Text.Json;
using System.Text.Json.Serialization;

namespace ImageRoll.OpenShift.Models;

/// <summary>openshift/api image/v1 TagImportPolicy.</summary>
public sealed class TagImportPolicy
{
    [JsonPropertyName("insecure")]
    public bool? Insecure { get; set; }

    [JsonPropertyName("scheduled")]
    public bool? Scheduled { get; set; }

    /// <summary><c>Legacy</c> (one platform's manifest of an index) or <c>PreserveOriginal</c> (the index itself).</summary>
    [JsonPropertyName("importMode")]
    public string? ImportMode { get; set; }

    [JsonExtensionData]
    public Dictionary<string, JsonElement>? Extra { get; set; }
}
