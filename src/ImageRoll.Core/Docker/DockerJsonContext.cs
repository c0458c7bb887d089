using System.Text.Json.Serialization;

namespace ImageRoll.Docker;

/// <summary>Source-generated serialization for the one Engine API shape ImageRoll encodes itself (X-Registry-Config).</summary>
[JsonSourceGenerationOptions(DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull)]
[JsonSerializable(typeof(Dictionary<string, DockerRegistryAuth>))]
internal sealed partial class DockerJsonContext : JsonSerializerContext
{
}
