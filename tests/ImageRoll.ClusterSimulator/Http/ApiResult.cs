using System.Text.Json.Nodes;

namespace ImageRoll.ClusterSimulator.Http;

/// <summary>What a handler answers: an HTTP status code and a JSON body (an object, a list or a Status).</summary>
public sealed record ApiResult(int StatusCode, JsonObject Body)
{
    public static ApiResult Ok(JsonObject body) => new(200, body);

    public static ApiResult Created(JsonObject body) => new(201, body);
}
