namespace ImageRoll.Docker;

/// <summary>The IR11xx codes of the Docker area (one place so they never collide).</summary>
public static class DockerErrors
{
    /// <summary>DOCKER_HOST cannot be parsed (exit 2).</summary>
    public const string MalformedHost = "IR1100";

    /// <summary>The daemon cannot be reached at the endpoint tried (exit 3).</summary>
    public const string Unreachable = "IR1101";

    /// <summary>TLS was asked for but ca.pem/cert.pem/key.pem are missing or unreadable (exit 2).</summary>
    public const string TlsMaterial = "IR1102";

    /// <summary>The Engine API answered with an error status (exit 3).</summary>
    public const string ApiError = "IR1103";

    /// <summary>A build step failed (exit 3).</summary>
    public const string BuildFailed = "IR1104";

    /// <summary>The push failed (exit 3).</summary>
    public const string PushFailed = "IR1105";

    /// <summary>The daemon's API version is too old for ImageRoll (exit 3).</summary>
    public const string ApiTooOld = "IR1106";

    /// <summary>The build or push stream ended without the ID or digest it must carry (exit 3).</summary>
    public const string IncompleteStream = "IR1107";

    /// <summary>The Docker context named by DOCKER_CONTEXT or config.json's currentContext is missing or unreadable (exit 2).</summary>
    public const string ContextInvalid = "IR1108";

    /// <summary>A .dockerignore pattern is malformed (exit 2).</summary>
    public const string BadIgnorePattern = "IR1110";

    /// <summary>The build context or Dockerfile does not exist (exit 2).</summary>
    public const string MissingContext = "IR1111";
}
