using System.Text.Json.Nodes;
using ImageRoll.ClusterSimulator.Store;

namespace ImageRoll.ClusterSimulator.Tables;

/// <summary>
/// Turns a get or list answer into a <c>meta.k8s.io Table</c> the way kube-apiserver does (k8s.io/apiserver
/// pkg/endpoints/handlers/response.go <c>asTable</c>, kubernetes pkg/printers/tablegenerator.go
/// <c>GenerateTable</c>): the printer's column definitions (all of them: the server prints wide), one row per object
/// with its cells and, per <c>includeObject</c>, a PartialObjectMetadata (default), the whole object, or null;
/// resourceVersion and continue from the list.
/// </summary>
public static class TableConverter
{
    public static JsonObject Convert(ResourceType type, JsonObject body, TableOptions options, DateTimeOffset now, bool withHeaders = true)
    {
        var printer = TablePrinters.For(type);
        var isList = body["items"] is JsonArray;
        var objects = isList ? ((JsonArray)body["items"]!).OfType<JsonObject>().ToList() : [body];
        var rows = new JsonArray();
        foreach (var obj in objects)
        {
            var row = new JsonObject { ["cells"] = printer.Cells(obj, now) };
            if (printer.Conditions?.Invoke(obj) is { } conditions)
            {
                row["conditions"] = conditions;
            }

            row["object"] = RowObject(type, obj, options);
            rows.Add(row);
        }

        var metadata = new JsonObject();
        var source = isList ? body["metadata"] : body["metadata"]?["resourceVersion"] is { } rv ? new JsonObject { ["resourceVersion"] = rv.DeepClone() } : null;
        foreach (var key in new[] { "resourceVersion", "continue", "remainingItemCount" })
        {
            if (source?[key] is { } value)
            {
                metadata[key] = value.DeepClone();
            }
        }

        return new JsonObject
        {
            ["kind"] = "Table",
            ["apiVersion"] = options.ApiVersion,
            ["metadata"] = metadata,
            ["columnDefinitions"] = withHeaders ? new JsonArray(printer.Columns.Select(c => (JsonNode)c.ToJson()).ToArray()) : null,
            ["rows"] = rows,
        };
    }

    /// <summary>includeObject: "" or Metadata, Object, None; anything else is refused as the real server does.</summary>
    public static string ValidateIncludeObject(string? value) => value switch
    {
        null or "" => "Metadata",
        "Metadata" or "Object" or "None" => value,
        _ => throw ApiException.BadRequest($"unrecognized includeObject value: \"{value}\""),
    };

    private static JsonObject? RowObject(ResourceType type, JsonObject obj, TableOptions options)
    {
        switch (options.IncludeObject)
        {
            case "None":
                return null;
            case "Object":
                var full = new JsonObject { ["kind"] = type.Kind, ["apiVersion"] = type.ApiVersion };
                foreach (var (key, value) in obj)
                {
                    if (key is not ("kind" or "apiVersion"))
                    {
                        full[key] = value?.DeepClone();
                    }
                }

                return full;
            default:
                return new JsonObject
                {
                    ["kind"] = "PartialObjectMetadata",
                    ["apiVersion"] = options.ApiVersion,
                    ["metadata"] = obj["metadata"]?.DeepClone() ?? new JsonObject(),
                };
        }
    }
}
