using System.Text.Json.Serialization;

namespace ImageRoll.Docker;

/// <summary>Source-generated serialization for the Engine API shapes ImageRoll reads and writes.</summary>
[JsonSourceGenerationOptions(DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull)]
[JsonSerializable(typeof(DockerJsonMessage))]
[JsonSerializable(typeof(DockerRegistryAuth))]
[JsonSerializable(typeof(Dictionary<string, string>))]
[JsonSerializable(typeof(Dictionary<string, DockerRegistryAuth>))]
[JsonSerializable(typeof(DockerApiError))]
internal sealed partial class DockerJsonContext : JsonSerializerContext
{
}
