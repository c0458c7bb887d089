using System.Text.Json;
using System.Text.Json.Serialization;

namespace ImageRoll.Docker;

/// <summary>
/// One message of the Engine API's progress streams (build, push, pull): moby pkg/jsonmessage JSONMessage.
/// Build output arrives as <see cref="Stream"/> text, the built image ID as <c>aux.ID</c>, push results as
/// <c>aux.Digest</c> and a status line "TAG: digest: sha256:... size: N"; a failure as <see cref="Error"/> with
/// <see cref="ErrorDetail"/>.
/// </summary>
public sealed record DockerJsonMessage
{
    [JsonPropertyName("stream")]
    public string? Stream { get; init; }

    [JsonPropertyName("status")]
    public string? Status { get; init; }

    [JsonPropertyName("id")]
    public string? Id { get; init; }

    [JsonPropertyName("progress")]
    public string? Progress { get; init; }

    [JsonPropertyName("error")]
    public string? Error { get; init; }

    [JsonPropertyName("errorDetail")]
    public DockerErrorDetail? ErrorDetail { get; init; }

    /// <summary>Free-form auxiliary data: <c>{"ID":"sha256:..."}</c> for builds, <c>{"Tag","Digest","Size"}</c> for pushes.</summary>
    [JsonPropertyName("aux")]
    public JsonElement? Aux { get; init; }

    /// <summary>The error text, preferring errorDetail.message as the docker CLI does.</summary>
    [JsonIgnore]
    public string? ErrorMessage => ErrorDetail?.Message is { Length: > 0 } m ? m : Error;

    public string? AuxString(string name) =>
        Aux is { ValueKind: JsonValueKind.Object } aux && aux.TryGetProperty(name, out var v) && v.ValueKind == JsonValueKind.String
            ? v.GetString()
            : null;
}
