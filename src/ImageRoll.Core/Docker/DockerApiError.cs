using System.Text.Json.Serialization;

namespace ImageRoll.Docker;

/// <summary>The Engine API's error body: <c>{"message": "..."}</c>.</summary>
internal sealed record DockerApiError
{
    [JsonPropertyName("message")]
    public string? Message { get; init; }
}
