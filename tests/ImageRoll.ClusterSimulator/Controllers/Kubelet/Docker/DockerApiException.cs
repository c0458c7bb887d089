namespace ImageRoll.ClusterSimulator.Controllers.Kubelet.Docker;

/// <summary>A non-2xx answer of the Docker Engine API (or an error message inside a progress stream), with the daemon's own message.</summary>
public sealed class DockerApiException(int statusCode, string message) : Exception(message)
{
    /// <summary>The HTTP status (0 when the error came inside a 200 progress stream).</summary>
    public int StatusCode { get; } = statusCode;
}
