namespace ImageRoll.Registry;

/// <summary>What a manifest HEAD says: the digest (<c>Docker-Content-Digest</c>), media type and size.</summary>
public sealed record ManifestHead(string Digest, string MediaType, long Size);
