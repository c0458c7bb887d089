using System.Text.Json;
using System.Text.Json.Serialization;
using System.Text.Json.Serialization.Metadata;

namespace ImageRoll.Kubernetes;

/// <summary>
/// The one set of serializer options for Kubernetes objects: property names come from [JsonPropertyName] on the
/// models, nulls are not written (an absent field is not a null field to the API server), and a <c>null</c> list
/// reads as an empty one: Go marshals a nil slice as <c>null</c> (<c>"items": null</c>, <c>"containers": null</c>:
/// fields without omitempty, e.g. openshift/api image/v1 <c>NamedTagEventList.Items</c>, k8s.io/api core/v1
/// <c>PodSpec.Containers</c>), and callers should not have to check both. The metadata is source-generated
/// (<see cref="KubeJsonContext"/>): serialize through <see cref="TypeInfo{T}"/> or <see cref="TypeInfo(Type)"/>.
/// </summary>
public static class KubeJson
{
    public static readonly JsonSerializerOptions Options = Create();

    /// <summary>The metadata of <typeparamref name="T"/>, a type of <see cref="KubeJsonContext"/>.</summary>
    public static JsonTypeInfo<T> TypeInfo<T>() => (JsonTypeInfo<T>)Options.GetTypeInfo(typeof(T));

    /// <summary>The metadata of <paramref name="type"/> (an object's runtime type), a type of <see cref="KubeJsonContext"/>.</summary>
    public static JsonTypeInfo TypeInfo(Type type) => Options.GetTypeInfo(type);

    private static JsonSerializerOptions Create()
    {
        var options = new JsonSerializerOptions(JsonSerializerDefaults.Web)
        {
            DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
            PropertyNameCaseInsensitive = false,
            NumberHandling = JsonNumberHandling.AllowReadingFromString,
            Converters = { new KubeTimeConverter() },
            TypeInfoResolver = KubeJsonContext.Default.WithAddedModifier(NullListsReadAsEmpty),
        };
        options.MakeReadOnly();
        return options;
    }

    private static void NullListsReadAsEmpty(JsonTypeInfo typeInfo)
    {
        if (typeInfo.Kind != JsonTypeInfoKind.Object)
        {
            return;
        }

        foreach (var property in typeInfo.Properties)
        {
            if (property.Set is not { } set || !property.PropertyType.IsGenericType || property.PropertyType.GetGenericTypeDefinition() != typeof(List<>))
            {
                continue;
            }

            var options = typeInfo.Options;
            var listType = property.PropertyType;
            property.Set = (obj, value) => set(obj, value ?? options.GetTypeInfo(listType).CreateObject!());
        }
    }
}
