using System.Text.Json;
using System.Text.Json.Serialization;

namespace ImageRoll.OpenShift.Models;

public sealed class ImageStreamImportStatus
{
    /// <summary>The stream as updated by the import (when <c>spec.import</c> was true).</summary>
    [JsonPropertyName("import")]
    public ImageStream? Import { get; set; }

    [JsonPropertyName("images")]
    public List<ImageImportStatus> Images { get; set => field = value ?? []; } = [];

    [JsonExtensionData]
    public Dictionary<string, JsonElement>? Extra { get; set; }
}
