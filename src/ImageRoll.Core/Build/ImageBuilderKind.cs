namespace ImageRoll.Build;

/// <summary>The image builder backends (docs/architecture.md, "The flow", step 1; docs/build.md, "Backends").</summary>
public enum ImageBuilderKind
{
    /// <summary>The .NET SDK's own container publishing (<c>dotnet publish -t:PublishContainer</c>).</summary>
    Sdk,

    /// <summary>A Dockerfile built and pushed by a Docker daemon.</summary>
    Dockerfile,

    /// <summary>An image already in a registry: its tag resolved to a digest.</summary>
    Existing,
}
