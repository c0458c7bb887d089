using System.Globalization;
using System.Text;
using System.Text.Json.Nodes;
using ImageRoll.ClusterSimulator.Store;

namespace ImageRoll.ClusterSimulator.Http;

/// <summary>
/// A <c>KindList</c> answer with limit/continue paging. Items carry no kind/apiVersion, as the real server's
/// lists of built-in types (clients must not rely on them).
/// </summary>
internal static class ListPage
{
    public static JsonObject Build(ApiRequest request, IReadOnlyList<JsonObject> items, long resourceVersion)
    {
        var start = 0;
        if (request.QueryValue("continue") is { Length: > 0 } token)
        {
            start = Decode(token);
        }

        var page = items.Skip(start).ToList();
        var metadata = new JsonObject { ["resourceVersion"] = resourceVersion.ToString(CultureInfo.InvariantCulture) };
        if (int.TryParse(request.QueryValue("limit"), NumberStyles.None, CultureInfo.InvariantCulture, out var limit) && limit > 0 && page.Count > limit)
        {
            metadata["continue"] = Encode(start + limit);
            metadata["remainingItemCount"] = page.Count - limit;
            page = page.Take(limit).ToList();
        }

        var array = new JsonArray();
        foreach (var item in page)
        {
            item.Remove("kind");
            item.Remove("apiVersion");
            array.Add(item);
        }

        return new JsonObject
        {
            ["kind"] = request.Type.Kind + "List",
            ["apiVersion"] = request.Type.ApiVersion,
            ["metadata"] = metadata,
            ["items"] = array,
        };
    }

    private static string Encode(int offset) => Convert.ToBase64String(Encoding.UTF8.GetBytes($"{{\"v\":\"sim\",\"start\":{offset}}}"));

    private static int Decode(string token)
    {
        try
        {
            var node = JsonNode.Parse(Encoding.UTF8.GetString(Convert.FromBase64String(token)));
            return (int)(Meta.Long(node?["start"]) ?? 0);
        }
        catch (Exception e) when (e is FormatException or System.Text.Json.JsonException or InvalidOperationException)
        {
            throw ApiException.BadRequest("continue key is not valid: illegal base64 data");
        }
    }
}
