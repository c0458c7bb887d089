using System.Text;
using ImageRoll.Images;
using ImageRoll.OpenShift.ImageStreams;
using ImageRoll.Release;

namespace ImageRoll.Tasks.Binding;

/// <summary>The image half of the binding: which image, from which builder, named by which properties.</summary>
public sealed partial class ReleasePropertyBinder
{
    private (ImageReference? Image, ReleaseSource? Source) ImageAndSource(BuilderKind builder, bool dryRun) => builder switch
    {
        BuilderKind.Sdk => SdkImage(dryRun),
        BuilderKind.Dockerfile => DockerfileImage(),
        _ => ExistingImage(),
    };

    /// <summary>
    /// ImageRollRegistry=cluster: the image is <c>HOST/NAMESPACE/STREAM:TAG</c> of the stream tag, the host found by the
    /// engine's plan from the cluster, pushed with the cluster's own token (docs/openshift-native.md). The SDK never
    /// pushes there: the targets make PublishContainer write an archive (ContainerArchiveOutputPath under obj/), which
    /// the engine pushes as it pushes any archive, so the token never passes through MSBuild or the SDK's
    /// DOTNET_CONTAINER_* variables. A Dockerfile is built and pushed by the engine as without the cluster's registry.
    /// </summary>
    private (ImageReference?, ReleaseSource?) ClusterImageAndSource(BuilderKind builder, bool dryRun, StreamTagRef? stream, string? ns)
    {
        if (builder == BuilderKind.Existing)
        {
            Fail(TaskErrors.ClusterRegistryConflict, "ImageRollBuilder",
                "ImageRollBuilder is existing, but ImageRollRegistry=cluster pushes the image the build makes into the cluster's integrated registry: an image already pushed has nothing to push.",
                "Build with ImageRollBuilder sdk or dockerfile to push to the integrated registry, or leave ImageRollRegistry out and release the pushed image by ImageRollImage.");
        }

        if (IsSet(_p.Image))
        {
            Fail(TaskErrors.ClusterRegistryConflict, "ImageRollImage",
                $"ImageRollImage '{_p.Image}' is set, but with ImageRollRegistry=cluster the image is HOST/NAMESPACE/STREAM:TAG of ImageRollImageStream, its host found from the cluster.",
                "Remove ImageRollImage, or leave ImageRollRegistry out to push where ImageRollImage says.");
        }

        if (builder == BuilderKind.Sdk && Trimmed(_p.ContainerRegistry) is { } registry)
        {
            Fail(TaskErrors.ClusterRegistryConflict, "ContainerRegistry",
                $"ContainerRegistry '{registry}' is set, but with ImageRollRegistry=cluster PublishContainer writes the image to an archive and ImageRoll pushes it to the cluster's integrated registry.",
                "Remove ContainerRegistry, or leave ImageRollRegistry out to let the SDK push to ContainerRegistry.");
        }

        if (stream is null || builder == BuilderKind.Existing)
        {
            return (null, null);
        }

        var image = ReleaseOptions.ClusterRegistryImage(stream, ns);
        if (builder == BuilderKind.Dockerfile)
        {
            var dockerfile = ExistingPath("ImageRollDockerfile", Trimmed(_p.Dockerfile) ?? "Dockerfile", file: true, "the Dockerfile to build (default: Dockerfile next to the project)");
            var context = ExistingPath("ImageRollDockerContext", _p.DockerContext, file: false, "the build context folder (default: the Dockerfile's folder)");
            return dockerfile is null ? (null, null) : (image, new DockerfileSource(dockerfile) { Context = context });
        }

        if (!_p.ImagePublished || dryRun)
        {
            // The check, and a dry run (no PublishContainer): the plan names the project and checks the push access.
            return (image, new SdkProjectSource(_p.ProjectFile) { Configuration = Trimmed(_p.Configuration) ?? "Release" });
        }

        var archive = Trimmed(_p.GeneratedArchiveOutputPath);
        if (archive is null)
        {
            FailAt(TaskErrors.NoPublishedImage, new SourceLocation(_p.ProjectFile),
                $"PublishContainer wrote no image archive (GeneratedArchiveOutputPath is empty, ContainerArchiveOutputPath '{_p.ContainerArchiveOutputPath}'), so there is nothing to push to the integrated registry.",
                "Check that the project is publishable as a container (IsPublishable and EnableSdkContainerSupport not false, an executable project).");
            return (null, null);
        }

        return (image, new ArchiveSource(Path.GetFullPath(archive, _projectDirectory)));
    }

    private (ImageReference?, ReleaseSource?) SdkImage(bool dryRun)
    {
        if (IsSet(_p.Image))
        {
            Fail(TaskErrors.ImageConflict, "ImageRollImage",
                $"ImageRollImage '{_p.Image}' is set, but with ImageRollBuilder sdk the SDK's ContainerRegistry, ContainerRepository and ContainerImageTag(s) name the image PublishContainer pushes.",
                "Remove ImageRollImage and set ContainerRegistry/ContainerRepository/ContainerImageTag, or set ImageRollBuilder to existing to release an image that is already pushed.");
        }

        if (IsSet(_p.ContainerArchiveOutputPath))
        {
            Fail(TaskErrors.NoContainerRegistry, "ContainerArchiveOutputPath",
                $"ContainerArchiveOutputPath '{_p.ContainerArchiveOutputPath}' makes PublishContainer write a tarball instead of pushing, so no cluster could pull the image.",
                "Remove ContainerArchiveOutputPath and set ContainerRegistry, or push the archive yourself and release it with ImageRollBuilder existing.");
            return (null, null);
        }

        var registry = Trimmed(_p.ContainerRegistry);
        if (registry is null)
        {
            Fail(TaskErrors.NoContainerRegistry, "ContainerRegistry",
                "ImageRollBuilder is sdk but ContainerRegistry is not set: PublishContainer would load the image into the local Docker daemon, where no cluster can pull it.",
                "Set ContainerRegistry to the registry the cluster pulls from, for example -p:ContainerRegistry=registry.example.com (and ContainerRepository, ContainerImageTag).");
            return (null, null);
        }

        // Before ComputeContainerConfig the SDK has not yet lower-cased the repository (it defaults to AssemblyName).
        var repository = Trimmed(_p.ContainerRepository)?.ToLowerInvariant() ?? "app";
        var tag = _p.ContainerImageTags.Select(Trimmed).FirstOrDefault(t => t is not null);
        string? digest = null;
        if (_p.ImagePublished && !dryRun)
        {
            digest = PublishedDigest(registry, repository);
            if (digest is null)
            {
                return (null, null);
            }
        }

        try
        {
            var image = digest is null ? ImageReference.Create(registry, repository, tag ?? "latest") : ImageReference.Create(registry, repository, null, digest);
            ReleaseSource source = digest is null
                ? new SdkProjectSource(_p.ProjectFile) { Configuration = Trimmed(_p.Configuration) ?? "Release" }
                : new ExistingImageSource();
            return (image, source);
        }
        catch (ImageRollException ex)
        {
            Fail(TaskErrors.BadImage, "ContainerRepository",
                $"ContainerRegistry '{registry}', ContainerRepository '{repository}' and ContainerImageTag '{tag}' do not make an image reference: {ex.Message}",
                ex.Hint ?? "Use a registry HOST[:PORT], a lower-case repository path and a tag of [A-Za-z0-9_.-].");
            return (null, null);
        }
    }

    /// <summary>
    /// The digest PublishContainer pushed: GeneratedContainerDigest for one platform; for several runtime identifiers
    /// the SDK pushes an image index and reports only its JSON (GeneratedImageIndex), whose sha256 is its digest.
    /// </summary>
    private string? PublishedDigest(string registry, string repository)
    {
        var digest = Trimmed(_p.GeneratedContainerDigest);
        if (digest is not null && Images.Digest.IsValid(digest))
        {
            return digest;
        }

        if (IsSet(_p.GeneratedImageIndex))
        {
            return Images.Digest.ComputeSha256(Encoding.UTF8.GetBytes(_p.GeneratedImageIndex!));
        }

        FailAt(TaskErrors.NoPublishedImage, new SourceLocation(_p.ProjectFile),
            $"PublishContainer reported no pushed image for {registry}/{repository} (GeneratedContainerDigest is '{digest}'), so there is nothing to release.",
            "Check that the project is publishable as a container (IsPublishable and EnableSdkContainerSupport not false, an executable project) and that ContainerRegistry names a registry.");
        return null;
    }

    private (ImageReference?, ReleaseSource?) DockerfileImage()
    {
        var image = RequiredImage("dockerfile");
        if (image?.Digest is not null)
        {
            Fail(TaskErrors.BadImage, "ImageRollImage",
                $"ImageRollImage '{_p.Image}' has a digest, but a Dockerfile build makes a new image whose digest is not known yet.",
                "Name the target as REGISTRY/REPOSITORY[:TAG], for example registry.example.com/team/web:1.2.");
            return (null, null);
        }

        var dockerfile = ExistingPath("ImageRollDockerfile", Trimmed(_p.Dockerfile) ?? "Dockerfile", file: true, "the Dockerfile to build (default: Dockerfile next to the project)");
        var context = ExistingPath("ImageRollDockerContext", _p.DockerContext, file: false, "the build context folder (default: the Dockerfile's folder)");
        return image is null || dockerfile is null ? (null, null) : (image, new DockerfileSource(dockerfile) { Context = context });
    }

    private (ImageReference?, ReleaseSource?) ExistingImage()
    {
        var image = RequiredImage("existing");
        return image is null ? (null, null) : (image, new ExistingImageSource());
    }

    private ImageReference? RequiredImage(string builder)
    {
        var text = Trimmed(_p.Image);
        if (text is null)
        {
            Fail(TaskErrors.ImageMissing, "ImageRollImage",
                $"ImageRollBuilder is {builder} but ImageRollImage is not set: there is no image to release.",
                builder == "existing"
                    ? "Set ImageRollImage to the pushed image, REGISTRY/REPOSITORY:TAG or REGISTRY/REPOSITORY@sha256:DIGEST."
                    : "Set ImageRollImage to the image to build and push, REGISTRY/REPOSITORY[:TAG].");
            return null;
        }

        try
        {
            return ImageReference.Parse(text);
        }
        catch (ImageRollException ex)
        {
            Fail(TaskErrors.BadImage, "ImageRollImage", $"ImageRollImage '{text}': {ex.Message}", ex.Hint ?? "Write REGISTRY/REPOSITORY[:TAG|@sha256:DIGEST].");
            return null;
        }
    }
}
