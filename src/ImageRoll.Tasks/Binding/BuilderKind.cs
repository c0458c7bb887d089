namespace ImageRoll.Tasks.Binding;

/// <summary><c>ImageRollBuilder</c>: where the image comes from.</summary>
public enum BuilderKind
{
    /// <summary>The SDK's own PublishContainer, in the same build (default).</summary>
    Sdk,

    /// <summary>A Dockerfile built by the Docker Engine.</summary>
    Dockerfile,

    /// <summary>An image already in the registry (<c>ImageRollImage</c>), resolved to its digest.</summary>
    Existing,
}
