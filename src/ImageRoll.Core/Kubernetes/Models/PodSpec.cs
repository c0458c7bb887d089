using System.Text.Json;
using System.Text.Json.Serialization;

namespace ImageRoll.Kubernetes.Models;

/// <summary>core/v1 PodSpec: containers and initContainers typed, everything else kept in Extra.</summary>
public sealed class PodSpec
{
    private List<Container> _containers = [];
    private List<Container> _initContainers = [];

    /// <summary>
    /// Never null: BOOKMARK objects carry <c>"containers": null</c> (the watch cache sends a fresh empty object,
    /// k8s.io/apiserver pkg/storage/cacher/cacher.go <c>dispatchEvents</c>, and <c>containers</c> has no omitempty).
    /// </summary>
    [JsonPropertyName("containers")]
    public List<Container> Containers { get => _containers; set => _containers = value ?? []; }

    [JsonIgnore]
    public List<Container> InitContainers { get => _initContainers; set => _initContainers = value ?? []; }

    /// <summary>The wire form: absent when empty, so a round trip does not add <c>"initContainers": []</c>.</summary>
    [JsonPropertyName("initContainers")]
    [System.ComponentModel.EditorBrowsable(System.ComponentModel.EditorBrowsableState.Never)]
    public List<Container>? InitContainersWire { get => _initContainers.Count == 0 ? null : _initContainers; set => _initContainers = value ?? []; }

    [JsonExtensionData]
    public Dictionary<string, JsonElement>? Extra { get; set; }
}
