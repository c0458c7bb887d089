namespace ImageRoll.Tasks.Binding;

/// <summary>
/// The <c>ImageRoll*</c> properties and items (and the SDK's <c>Container*</c> ones) exactly as MSBuild passed them,
/// before any parsing: <see cref="ReleasePropertyBinder"/> turns them into a release or into IR5xxx errors.
/// </summary>
public sealed record ReleaseProperties
{
    /// <summary>The project being published (errors point at it; relative paths are taken from its folder).</summary>
    public required string ProjectFile { get; init; }

    public string? Configuration { get; init; }

    public string? Builder { get; init; }

    public string? Image { get; init; }

    /// <summary>ImageRollRegistry: <c>cluster</c> (the cluster's integrated registry) or unset.</summary>
    public string? Registry { get; init; }

    public string? Dockerfile { get; init; }

    public string? DockerContext { get; init; }

    public string? ImageStream { get; init; }

    public string? Namespace { get; init; }

    public string? Trigger { get; init; }

    public string? Timeout { get; init; }

    public string? GracePeriod { get; init; }

    public string? Kubeconfig { get; init; }

    public string? Context { get; init; }

    public string? RollbackOnFailure { get; init; }

    public string? DryRun { get; init; }

    public string? Wait { get; init; }

    public string? CreateStream { get; init; }

    public string? Container { get; init; }

    public string? ReferencePolicy { get; init; }

    public string? ImportMode { get; init; }

    public string? InsecureRegistries { get; init; }

    public string? RegistryCa { get; init; }

    public IReadOnlyList<WorkloadItem> Workloads { get; init; } = [];

    /// <summary>Names of secret-looking properties that are set (only the names ever reach the task).</summary>
    public IReadOnlyList<string> SecretProperties { get; init; } = [];

    /// <summary>The SDK's ContainerRegistry (or VS's RegistryUrl) for the sdk builder.</summary>
    public string? ContainerRegistry { get; init; }

    public string? ContainerRepository { get; init; }

    /// <summary>ContainerImageTags after the SDK's ComputeContainerConfig, or ContainerImageTag(s) as written.</summary>
    public IReadOnlyList<string> ContainerImageTags { get; init; } = [];

    public string? ContainerArchiveOutputPath { get; init; }

    /// <summary>What PublishContainer reported: the manifest digest (single platform).</summary>
    public string? GeneratedContainerDigest { get; init; }

    /// <summary>What PublishContainer reported for several runtime identifiers: the pushed image index (JSON).</summary>
    public string? GeneratedImageIndex { get; init; }

    /// <summary>
    /// What PublishContainer reported when it wrote an archive instead of pushing (ContainerArchiveOutputPath, set by the
    /// targets for ImageRollRegistry=cluster): the archive's file, which the engine pushes with the cluster's token.
    /// </summary>
    public string? GeneratedArchiveOutputPath { get; init; }

    /// <summary>True once PublishContainer has run (the release uses its outputs); false for checks and dry runs.</summary>
    public bool ImagePublished { get; init; }
}
