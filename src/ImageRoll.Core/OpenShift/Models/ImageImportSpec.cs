using System.Text.Json;
using System.Text.Json.Serialization;
using ImageRoll.Kubernetes.Models;

namespace ImageRoll.OpenShift.Models;

public sealed class ImageImportSpec
{
    [JsonPropertyName("from")]
    public ObjectReference From { get; set; } = new();

    /// <summary>The tag to set: <c>{name: TAG}</c> (a LocalObjectReference).</summary>
    [JsonPropertyName("to")]
    public ObjectReference? To { get; set; }

    [JsonPropertyName("importPolicy")]
    public TagImportPolicy? ImportPolicy { get; set; }

    [JsonPropertyName("referencePolicy")]
    public TagReferencePolicy? ReferencePolicy { get; set; }

    [JsonExtensionData]
    public Dictionary<string, JsonElement>? Extra { get; set; }
}
