using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;
using ImageRoll.ClusterSimulator.Store;
using YamlDotNet.Core;
using YamlDotNet.RepresentationModel;

namespace ImageRoll.ClusterSimulator.Http;

/// <summary>Decodes request bodies: JSON, or YAML for <c>application/apply-patch+yaml</c> and <c>application/yaml</c>.</summary>
public static class BodyParser
{
    public static JsonNode? Parse(string body, string? contentType)
    {
        if (string.IsNullOrWhiteSpace(body))
        {
            return null;
        }

        if (contentType?.Contains("protobuf", StringComparison.OrdinalIgnoreCase) == true)
        {
            throw new ApiException(415, "UnsupportedMediaType", $"the body of the request was in an unknown format - accepted media types include: application/json, application/yaml (got {contentType})");
        }

        try
        {
            return JsonNode.Parse(body);
        }
        catch (JsonException) when (contentType?.Contains("yaml", StringComparison.OrdinalIgnoreCase) == true)
        {
            return FromYaml(body);
        }
        catch (JsonException e)
        {
            throw ApiException.BadRequest($"error decoding request body: {e.Message}");
        }
    }

    public static JsonNode? FromYaml(string text)
    {
        var stream = new YamlStream();
        try
        {
            stream.Load(new StringReader(text));
        }
        catch (YamlException e)
        {
            throw ApiException.BadRequest($"error converting YAML to JSON: {e.Message}");
        }

        return stream.Documents.Count == 0 ? null : Convert(stream.Documents[0].RootNode);
    }

    private static JsonNode? Convert(YamlNode node) => node switch
    {
        YamlMappingNode map => new JsonObject(map.Children.Select(c => KeyValuePair.Create(((YamlScalarNode)c.Key).Value ?? "", Convert(c.Value)))),
        YamlSequenceNode seq => new JsonArray(seq.Children.Select(Convert).ToArray()),
        YamlScalarNode scalar => Scalar(scalar),
        _ => null,
    };

    private static JsonNode? Scalar(YamlScalarNode scalar)
    {
        var value = scalar.Value ?? "";
        if (scalar.Style is ScalarStyle.SingleQuoted or ScalarStyle.DoubleQuoted or ScalarStyle.Literal or ScalarStyle.Folded)
        {
            return JsonValue.Create(value);
        }

        return value switch
        {
            "" or "~" or "null" or "Null" or "NULL" => null,
            "true" or "True" or "TRUE" => JsonValue.Create(true),
            "false" or "False" or "FALSE" => JsonValue.Create(false),
            _ when long.TryParse(value, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var l) => JsonValue.Create(l),
            _ when double.TryParse(value, NumberStyles.Float, CultureInfo.InvariantCulture, out var d) && value.Any(char.IsDigit) => JsonValue.Create(d),
            _ => JsonValue.Create(value),
        };
    }
}
