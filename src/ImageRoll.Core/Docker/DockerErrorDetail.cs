using System.Text.Json.Serialization;

namespace ImageRoll.Docker;

/// <summary>moby pkg/jsonmessage JSONError.</summary>
public sealed record DockerErrorDetail
{
    [JsonPropertyName("code")]
    public int Code { get; init; }

    [JsonPropertyName("message")]
    public string? Message { get; init; }
}
