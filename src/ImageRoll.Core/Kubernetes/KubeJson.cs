using System.Text.Json;
using System.Text.Json.Serialization;

namespace ImageRoll.Kubernetes;

/// <summary>
/// The one set of serializer options for Kubernetes objects: property names come from [JsonPropertyName] on the
/// models, nulls are not written (an absent field is not a null field to the API server), and null lists read as
/// empty where the model initialises them (a tag with only conditions has <c>"items": null</c>: openshift/api
/// image/v1/types.go <c>NamedTagEventList.Items</c> has no omitempty).
/// </summary>
public static class KubeJson
{
    public static readonly JsonSerializerOptions Options = new(JsonSerializerDefaults.Web)
    {
        DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
        PropertyNameCaseInsensitive = false,
        NumberHandling = JsonNumberHandling.AllowReadingFromString,
        Converters = { new NullAsEmptyListConverterFactory(), new KubeTimeConverter() },
    };
}
