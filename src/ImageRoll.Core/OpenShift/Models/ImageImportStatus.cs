using System.Text.Json;
using System.Text.Json.Serialization;
using ImageRoll.Kubernetes.Models;

namespace ImageRoll.OpenShift.Models;

/// <summary>One image's import result: <c>status</c> is a metav1.Status (<c>Success</c>, or a failure with reason/message).</summary>
public sealed class ImageImportStatus
{
    [JsonPropertyName("status")]
    public KubeStatus? Status { get; set; }

    /// <summary>The imported Image object (its <c>metadata.name</c> is the digest); kept raw.</summary>
    [JsonPropertyName("image")]
    public JsonElement? Image { get; set; }

    [JsonPropertyName("tag")]
    public string? Tag { get; set; }

    [JsonExtensionData]
    public Dictionary<string, JsonElement>? Extra { get; set; }
}
