using System.Text.Json.Serialization;

namespace ImageRoll.Kubernetes.Models;

/// <summary>authorization/v1 ResourceAttributes: one API request as the authorizer sees it. Empty namespace: all namespaces.</summary>
public sealed class ResourceAttributes
{
    [JsonPropertyName("namespace")]
    public string? Namespace { get; set; }

    [JsonPropertyName("verb")]
    public string? Verb { get; set; }

    [JsonPropertyName("group")]
    public string? Group { get; set; }

    [JsonPropertyName("version")]
    public string? Version { get; set; }

    [JsonPropertyName("resource")]
    public string? Resource { get; set; }

    [JsonPropertyName("subresource")]
    public string? Subresource { get; set; }

    [JsonPropertyName("name")]
    public string? Name { get; set; }
}
