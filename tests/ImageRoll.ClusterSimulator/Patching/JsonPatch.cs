using System.Globalization;
using System.Text.Json.Nodes;
using ImageRoll.ClusterSimulator.Store;

namespace ImageRoll.ClusterSimulator.Patching;

/// <summary>JSON patch, RFC 6902 (add, remove, replace, move, copy, test) with RFC 6901 pointers.</summary>
public static class JsonPatch
{
    /// <summary>Applies the operations; a malformed patch is 400, a failing operation 422 (as the real server).</summary>
    public static JsonNode Apply(JsonNode target, JsonNode? patch)
    {
        if (patch is not JsonArray ops)
        {
            throw ApiException.BadRequest("json: cannot unmarshal object into Go value of type jsonpatch.Patch");
        }

        var doc = target.DeepClone();
        foreach (var opNode in ops)
        {
            if (opNode is not JsonObject op || Meta.Str(op["op"]) is not { } name)
            {
                throw ApiException.BadRequest("unexpected kind of operation in json patch");
            }

            var path = Meta.Str(op["path"]) ?? throw Failed($"missing path in operation {name}");
            switch (name)
            {
                case "add":
                    doc = Add(doc, path, Value(op, name));
                    break;
                case "remove":
                    doc = Remove(doc, path, out _);
                    break;
                case "replace":
                    doc = Remove(doc, path, out _);
                    doc = Add(doc, path, Value(op, name));
                    break;
                case "move":
                    var from = Meta.Str(op["from"]) ?? throw Failed("missing from in move");
                    doc = Remove(doc, from, out var moved);
                    doc = Add(doc, path, moved);
                    break;
                case "copy":
                    var source = Meta.Str(op["from"]) ?? throw Failed("missing from in copy");
                    doc = Add(doc, path, Resolve(doc, source)?.DeepClone());
                    break;
                case "test":
                    if (!JsonNode.DeepEquals(Resolve(doc, path), op["value"]))
                    {
                        throw Failed($"testing value {path} failed: test failed");
                    }

                    break;
                default:
                    throw ApiException.BadRequest($"Unexpected kind: {name}");
            }
        }

        return doc!;
    }

    private static JsonNode? Value(JsonObject op, string name) =>
        op.ContainsKey("value") ? op["value"]?.DeepClone() : throw Failed($"missing value in operation {name}");

    private static List<string> Split(string pointer)
    {
        if (pointer.Length == 0)
        {
            return [];
        }

        if (!pointer.StartsWith('/'))
        {
            throw Failed($"invalid JSON pointer \"{pointer}\"");
        }

        return pointer[1..].Split('/').Select(s => s.Replace("~1", "/", StringComparison.Ordinal).Replace("~0", "~", StringComparison.Ordinal)).ToList();
    }

    private static JsonNode? Resolve(JsonNode? doc, string pointer)
    {
        var node = doc;
        foreach (var token in Split(pointer))
        {
            node = node switch
            {
                JsonObject o when o.ContainsKey(token) => o[token],
                JsonArray a when int.TryParse(token, NumberStyles.None, CultureInfo.InvariantCulture, out var i) && i < a.Count => a[i],
                _ => throw Failed($"path {pointer} not found"),
            };
        }

        return node;
    }

    private static JsonNode? Add(JsonNode? doc, string pointer, JsonNode? value)
    {
        var tokens = Split(pointer);
        if (tokens.Count == 0)
        {
            return value;
        }

        var parent = Resolve(doc, ParentPointer(tokens));
        var last = tokens[^1];
        switch (parent)
        {
            case JsonObject o:
                o.Remove(last);
                o[last] = value;
                break;
            case JsonArray a when last == "-":
                a.Add(value);
                break;
            case JsonArray a when int.TryParse(last, NumberStyles.None, CultureInfo.InvariantCulture, out var i) && i <= a.Count:
                a.Insert(i, value);
                break;
            default:
                throw Failed($"add operation does not apply: doc is missing path: \"{pointer}\"");
        }

        return doc;
    }

    private static JsonNode? Remove(JsonNode? doc, string pointer, out JsonNode? removed)
    {
        var tokens = Split(pointer);
        var parent = Resolve(doc, ParentPointer(tokens));
        var last = tokens.Count > 0 ? tokens[^1] : throw Failed("cannot remove the document root");
        switch (parent)
        {
            case JsonObject o when o.ContainsKey(last):
                removed = o[last];
                o.Remove(last);
                removed = removed?.DeepClone();
                return doc;
            case JsonArray a when int.TryParse(last, NumberStyles.None, CultureInfo.InvariantCulture, out var i) && i < a.Count:
                removed = a[i]?.DeepClone();
                a.RemoveAt(i);
                return doc;
            default:
                throw Failed($"remove operation does not apply: doc is missing path: \"{pointer}\"");
        }
    }

    private static string ParentPointer(List<string> tokens) =>
        tokens.Count <= 1 ? "" : "/" + string.Join('/', tokens.Take(tokens.Count - 1).Select(Escape));

    private static string Escape(string token) => token.Replace("~", "~0", StringComparison.Ordinal).Replace("/", "~1", StringComparison.Ordinal);

    private static ApiException Failed(string message) =>
        new(422, "Invalid", $"the server rejected our request due to an error in our request: {message}");
}
