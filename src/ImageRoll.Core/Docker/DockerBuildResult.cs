namespace ImageRoll.Docker;

/// <summary>What a finished build reported: the image ID (<c>aux.ID</c>) and the last step it ran.</summary>
public sealed record DockerBuildResult(string ImageId, string? LastStep);
