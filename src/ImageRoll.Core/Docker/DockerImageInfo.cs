namespace ImageRoll.Docker;

/// <summary>What <c>GET /images/{name}/json</c> says about a local image that ImageRoll uses.</summary>
public sealed record DockerImageInfo(
    string Id,
    IReadOnlyList<string> RepoTags,
    IReadOnlyList<string> RepoDigests,
    IReadOnlyDictionary<string, string> Labels);
