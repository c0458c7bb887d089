using System.Globalization;
using System.Text.Json;
using System.Text.Json.Serialization;

namespace ImageRoll.Kubernetes;

/// <summary>
/// Writes times as the API server does (metav1.Time: RFC 3339 in UTC with <c>Z</c>, whole seconds; MicroTime keeps
/// microseconds), so a read-modify-write sends back <c>2024-05-01T10:00:00Z</c>, not <c>...+00:00</c>.
/// </summary>
internal sealed class KubeTimeConverter : JsonConverter<DateTimeOffset>
{
    public override DateTimeOffset Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options) =>
        DateTimeOffset.Parse(reader.GetString()!, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal);

    public override void Write(Utf8JsonWriter writer, DateTimeOffset value, JsonSerializerOptions options)
    {
        var utc = value.UtcDateTime;
        var format = utc.Ticks % TimeSpan.TicksPerSecond == 0 ? "yyyy-MM-dd'T'HH:mm:ss'Z'" : "yyyy-MM-dd'T'HH:mm:ss.ffffff'Z'";
        writer.WriteStringValue(utc.ToString(format, CultureInfo.InvariantCulture));
    }
}
