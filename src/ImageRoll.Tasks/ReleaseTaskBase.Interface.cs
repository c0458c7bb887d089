using Microsoft.Build.Framework;

namespace ImageRoll.Tasks;

/// <summary>The MSBuild surface the release tasks share: every <c>ImageRoll*</c> property as written, unparsed.</summary>
public abstract partial class ReleaseTaskBase
{
    /// <summary>$(MSBuildProjectFullPath): errors point here, relative paths start here.</summary>
    [Required]
    public string ProjectFile { get; set; } = string.Empty;

    public string? Configuration { get; set; }

    /// <summary>sdk (default), dockerfile or existing.</summary>
    public string? Builder { get; set; }

    /// <summary>ImageRollImage: the image for the dockerfile and existing builders.</summary>
    public string? Image { get; set; }

    /// <summary>ImageRollRegistry: cluster (the cluster's integrated registry, with the kubeconfig's token) or unset.</summary>
    public string? Registry { get; set; }

    public string? Dockerfile { get; set; }

    public string? DockerContext { get; set; }

    /// <summary>ImageRollImageStream: STREAM:TAG or NAMESPACE/STREAM:TAG.</summary>
    public string? ImageStream { get; set; }

    public string? Namespace { get; set; }

    /// <summary>wait (default) or patch.</summary>
    public string? Trigger { get; set; }

    /// <summary>The release's one deadline, as kubectl writes durations (10m).</summary>
    public string? Timeout { get; set; }

    public string? GracePeriod { get; set; }

    public string? Kubeconfig { get; set; }

    public string? Context { get; set; }

    public string? RollbackOnFailure { get; set; }

    public string? DryRun { get; set; }

    /// <summary>false: stop after the trigger step (do not follow the rollouts).</summary>
    public string? Wait { get; set; }

    public string? CreateStream { get; set; }

    public string? Container { get; set; }

    public string? ReferencePolicy { get; set; }

    public string? ImportMode { get; set; }

    /// <summary>HOST[:PORT] entries separated by ';' (default: DOTNET_CONTAINER_INSECURE_REGISTRIES, as the SDK reads it).</summary>
    public string? InsecureRegistries { get; set; }

    public string? RegistryCa { get; set; }

    /// <summary>ImageRollWorkload items: KIND/NAME, optional Namespace metadata.</summary>
    public ITaskItem[] Workloads { get; set; } = [];

    /// <summary>Names (never values) of secret-looking properties that are set.</summary>
    public string[] SecretProperties { get; set; } = [];

    public string? ContainerRegistry { get; set; }

    public string? ContainerRepository { get; set; }

    public string[] ContainerImageTags { get; set; } = [];

    public string? ContainerArchiveOutputPath { get; set; }

    public string? GeneratedContainerDigest { get; set; }

    public string? GeneratedImageIndex { get; set; }

    /// <summary>The archive PublishContainer wrote (ImageRollRegistry=cluster with the sdk builder).</summary>
    public string? GeneratedArchiveOutputPath { get; set; }
}
