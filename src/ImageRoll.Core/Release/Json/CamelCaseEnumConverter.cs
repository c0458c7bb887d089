using System.Text.Json;
using System.Text.Json.Serialization;

namespace ImageRoll.Release.Json;

/// <summary>Enums in the release document: their names in camelCase (<c>rolloutFailed</c>, <c>timedOut</c>).</summary>
internal sealed class CamelCaseEnumConverter<TEnum>() : JsonStringEnumConverter<TEnum>(JsonNamingPolicy.CamelCase, allowIntegerValues: false)
    where TEnum : struct, Enum;
