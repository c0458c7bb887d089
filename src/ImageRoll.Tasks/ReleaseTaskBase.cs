using ImageRoll.Tasks.Binding;

namespace ImageRoll.Tasks;

/// <summary>
/// A task bound by the <c>ImageRoll*</c> properties: turns its parameters into <see cref="ReleaseProperties"/> and
/// binds them once (<see cref="ReleasePropertyBinder"/>), logging every IR5xxx problem at the file and line that set it.
/// </summary>
public abstract partial class ReleaseTaskBase : ImageRollTask
{
    /// <summary>Binds the properties; null after logging every problem as an error.</summary>
    protected BoundRelease? BindProperties(bool imagePublished)
    {
        var binder = new ReleasePropertyBinder(ToProperties(imagePublished), new ProjectFilePropertyLocator(ProjectFile, GlobalPropertyNames()));
        var bound = binder.Bind();
        foreach (var error in binder.Errors)
        {
            Sink.Error(error);
        }

        return binder.Errors.Count == 0 ? bound : null;
    }

    internal ReleaseProperties ToProperties(bool imagePublished) => new()
    {
        ProjectFile = ProjectFile,
        Configuration = Configuration,
        Builder = Builder,
        Image = Image,
        Registry = Registry,
        Dockerfile = Dockerfile,
        DockerContext = DockerContext,
        ImageStream = ImageStream,
        Namespace = Namespace,
        Trigger = Trigger,
        Timeout = Timeout,
        GracePeriod = GracePeriod,
        Kubeconfig = Kubeconfig,
        Context = Context,
        RollbackOnFailure = RollbackOnFailure,
        DryRun = DryRun,
        Wait = Wait,
        CreateStream = CreateStream,
        Container = Container,
        ReferencePolicy = ReferencePolicy,
        ImportMode = ImportMode,
        InsecureRegistries = InsecureRegistries,
        RegistryCa = RegistryCa,
        Workloads = Workloads.Select(w => new WorkloadItem(w.ItemSpec, NullIfEmpty(w.GetMetadata("Namespace")), NullIfEmpty(w.GetMetadata("DefiningProjectFullPath")))).ToList(),
        SecretProperties = SecretProperties,
        ContainerRegistry = ContainerRegistry,
        ContainerRepository = ContainerRepository,
        ContainerImageTags = ContainerImageTags,
        ContainerArchiveOutputPath = ContainerArchiveOutputPath,
        GeneratedContainerDigest = GeneratedContainerDigest,
        GeneratedImageIndex = GeneratedImageIndex,
        GeneratedArchiveOutputPath = GeneratedArchiveOutputPath,
        ImagePublished = imagePublished,
    };

    private static string? NullIfEmpty(string? value) => string.IsNullOrEmpty(value) ? null : value;
}
