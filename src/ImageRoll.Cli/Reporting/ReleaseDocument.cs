using System.Text.Json;
using System.Text.Json.Serialization;
using ImageRoll.Release;

namespace ImageRoll.Cli.Reporting;

/// <summary>The one JSON document of a release (<c>--output json</c>, <c>--report</c>): the engine's rendering of <see cref="ReleaseResult"/>.</summary>
public static class ReleaseDocument
{
    private static readonly JsonSerializerOptions Options = new()
    {
        WriteIndented = true,
        PropertyNamingPolicy = JsonNamingPolicy.CamelCase,
        Converters = { new JsonStringEnumConverter(JsonNamingPolicy.CamelCase) },
    };

    public static string Serialize(ReleaseResult result) => JsonSerializer.Serialize(result, Options);
}
