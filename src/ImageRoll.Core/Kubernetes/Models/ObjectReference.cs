using System.Text.Json;
using System.Text.Json.Serialization;

namespace ImageRoll.Kubernetes.Models;

/// <summary>
/// core/v1 ObjectReference: an event's involvedObject, and the <c>{kind, name, namespace}</c> subset image streams and
/// DC triggers use (their <c>to</c> is a LocalObjectReference, <c>{name}</c> only).
/// </summary>
public sealed class ObjectReference
{
    [JsonPropertyName("kind")]
    public string? Kind { get; set; }

    [JsonPropertyName("name")]
    public string? Name { get; set; }

    [JsonPropertyName("namespace")]
    public string? Namespace { get; set; }

    [JsonPropertyName("uid")]
    public string? Uid { get; set; }

    [JsonPropertyName("fieldPath")]
    public string? FieldPath { get; set; }

    [JsonExtensionData]
    public Dictionary<string, JsonElement>? Extra { get; set; }
}
