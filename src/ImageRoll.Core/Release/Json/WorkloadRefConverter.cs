using System.Text.Json;
using System.Text.Json.Serialization;
using ImageRoll.Kubernetes;

namespace ImageRoll.Release.Json;

/// <summary>A workload in the release document: kubectl's spelling, <c>deployment/web</c> (its namespace is a field of its own).</summary>
internal sealed class WorkloadRefConverter : JsonConverter<WorkloadRef>
{
    public override WorkloadRef Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options) =>
        WorkloadRef.Parse(reader.GetString() ?? string.Empty);

    public override void Write(Utf8JsonWriter writer, WorkloadRef value, JsonSerializerOptions options) =>
        writer.WriteStringValue(value.ToString());
}
