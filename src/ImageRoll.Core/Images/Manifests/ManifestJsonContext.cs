using System.Text.Json.Serialization;

namespace ImageRoll.Images.Manifests;

/// <summary>Source-generated JSON for manifests. Unknown fields are ignored on read; bytes are never re-serialised for digests.</summary>
[JsonSourceGenerationOptions(DefaultIgnoreCondition = JsonIgnoreCondition.Never, ReadCommentHandling = System.Text.Json.JsonCommentHandling.Disallow)]
[JsonSerializable(typeof(ImageManifest))]
[JsonSerializable(typeof(ImageIndex))]
internal sealed partial class ManifestJsonContext : JsonSerializerContext;
