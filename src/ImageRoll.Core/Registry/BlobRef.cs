namespace ImageRoll.Registry;

/// <summary>A content-addressed object a manifest points at: a config, a layer, or a child manifest of an index.</summary>
public sealed record BlobRef(string Digest, long Size, string MediaType);
