namespace ImageRoll.Docker;

/// <summary>
/// The Docker Engine API operations ImageRoll needs (API 1.41, legacy builder). Narrow on purpose, so callers (and
/// fakes in tests) never see the Docker.DotNet types <see cref="DockerEngineClient"/> is written over.
/// </summary>
public interface IDockerEngine
{
    /// <summary>Asks the daemon's version and returns the API version requests are pinned to (at most 1.41).</summary>
    Task<string> NegotiateAsync(CancellationToken cancellationToken);

    /// <summary>
    /// Builds an image from a tar of the context that <paramref name="writeContext"/> streams into the request body
    /// (the context is never held in memory). Build output is reported line by line through <paramref name="output"/>.
    /// A failing step throws IR1104 naming the step and the daemon's message.
    /// </summary>
    Task<DockerBuildResult> BuildAsync(
        DockerBuildParameters parameters,
        Func<Stream, CancellationToken, Task> writeContext,
        IProgress<string>? output,
        CancellationToken cancellationToken);

    /// <summary>Tags a local image: <c>POST /images/{source}/tag?repo=&amp;tag=</c>.</summary>
    Task TagAsync(string source, string repository, string tag, CancellationToken cancellationToken);

    /// <summary>Pushes <c>repository:tag</c> and returns the manifest digest the daemon reported.</summary>
    Task<string> PushAsync(string repository, string tag, DockerRegistryAuth? auth, IProgress<string>? output, CancellationToken cancellationToken);

    /// <summary>Inspects a local image by name or ID; null when the daemon has no such image.</summary>
    Task<DockerImageInfo?> InspectImageAsync(string name, CancellationToken cancellationToken);

    /// <summary>Removes a local image (tests and cleanup); a missing image is not an error.</summary>
    Task RemoveImageAsync(string name, CancellationToken cancellationToken);
}
