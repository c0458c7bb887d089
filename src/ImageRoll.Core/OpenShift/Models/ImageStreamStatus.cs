using System.Text.Json;
using System.Text.Json.Serialization;

namespace ImageRoll.OpenShift.Models;

public sealed class ImageStreamStatus
{
    /// <summary>The integrated registry's pull spec of the stream, e.g. <c>image-registry.openshift-image-registry.svc:5000/ns/name</c>.</summary>
    [JsonPropertyName("dockerImageRepository")]
    public string? DockerImageRepository { get; set; }

    [JsonPropertyName("publicDockerImageRepository")]
    public string? PublicDockerImageRepository { get; set; }

    [JsonPropertyName("tags")]
    public List<NamedTagEventList> Tags { get; set => field = value ?? []; } = [];

    [JsonExtensionData]
    public Dictionary<string, JsonElement>? Extra { get; set; }
}
