namespace ImageRoll.Registry;

/// <summary>A manifest exactly as the registry stored it: its bytes, media type and the digest of those bytes.</summary>
public sealed record RegistryManifest(ReadOnlyMemory<byte> Bytes, string MediaType, string Digest);
