using System.Text.Json.Serialization;

namespace ImageRoll.Kubernetes.Models;

public sealed class KubeList<T>
    where T : KubeObject
{
    [JsonPropertyName("metadata")]
    public ListMeta Metadata { get; set; } = new();

    [JsonPropertyName("items")]
    public List<T> Items { get; set; } = [];
}

public sealed class ListMeta
{
    [JsonPropertyName("resourceVersion")]
    public string? ResourceVersion { get; set; }

    [JsonPropertyName("continue")]
    public string? Continue { get; set; }
}
