namespace ImageRoll.ClusterSimulator.Controllers.Images;

/// <summary>
/// The result of importing one pull spec: the image's digest and the pull spec recorded in the stream's tag event,
/// or the failure (reason NotFound | Unauthorized | InternalError, with the server's message).
/// </summary>
public sealed record ImportOutcome(string? Image, string? DockerImageReference, string? Reason, string? Message)
{
    public bool Succeeded => Image is not null;

    public static ImportOutcome Success(string image, string reference) => new(image, reference, null, null);

    public static ImportOutcome Failure(string reason, string message) => new(null, null, reason, message);
}
