using System.Text.Json;
using System.Text.Json.Serialization;
using ImageRoll.Kubernetes.Models;

namespace ImageRoll.OpenShift.Models;

/// <summary>A spec tag (openshift/api image/v1 TagReference).</summary>
public sealed class TagReference
{
    [JsonPropertyName("name")]
    public string Name { get; set; } = string.Empty;

    [JsonPropertyName("annotations")]
    public Dictionary<string, string>? Annotations { get; set; }

    [JsonPropertyName("from")]
    public ObjectReference? From { get; set; }

    [JsonPropertyName("reference")]
    public bool? Reference { get; set; }

    /// <summary>
    /// The spec generation the tag was last changed at. <c>oc tag</c> sends 0, which the API server replaces with the
    /// stream's new generation: that is what forces a re-import of an unchanged pull spec.
    /// </summary>
    [JsonPropertyName("generation")]
    public long? Generation { get; set; }

    [JsonPropertyName("importPolicy")]
    public TagImportPolicy? ImportPolicy { get; set; }

    [JsonPropertyName("referencePolicy")]
    public TagReferencePolicy? ReferencePolicy { get; set; }

    [JsonExtensionData]
    public Dictionary<string, JsonElement>? Extra { get; set; }
}
