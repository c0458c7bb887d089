using System.Text.Json;
using System.Text.Json.Serialization;

namespace ImageRoll.OpenShift.Models;

public sealed class ImageStreamImportSpec
{
    /// <summary>true: update the stream; false: a dry run that only reports.</summary>
    [JsonPropertyName("import")]
    public bool Import { get; set; }

    [JsonPropertyName("images")]
    public List<ImageImportSpec> Images { get; set => field = value ?? []; } = [];

    [JsonExtensionData]
    public Dictionary<string, JsonElement>? Extra { get; set; }
}
