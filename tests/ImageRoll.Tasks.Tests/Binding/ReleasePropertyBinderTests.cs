using System.Text;
using ImageRoll.Images;
using ImageRoll.OpenShift.TriggerStep;
using ImageRoll.Release;
using ImageRoll.Tasks.Binding;

namespace ImageRoll.Tasks.Tests.Binding;

/// <summary>The binding from MSBuild properties to the engine's ReleaseOptions, without MSBuild.</summary>
public sealed class ReleasePropertyBinderTests
{
    private const string Digest = "sha256:0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef";

    private static readonly ReleaseProperties Sdk = new()
    {
        ProjectFile = Path.Combine(Path.GetTempPath(), "app", "App.csproj"),
        ImageStream = "web:latest",
        ContainerRegistry = "127.0.0.1:5000",
        ContainerRepository = "team/web",
        ContainerImageTags = ["1.2.3", "latest"],
        Timeout = "90s",
        RollbackOnFailure = "true",
        ImagePublished = true,
        GeneratedContainerDigest = Digest,
    };

    [Fact]
    public void Sdk_release_pins_the_digest_PublishContainer_reported()
    {
        var bound = Bind(Sdk, out var errors);

        Assert.Empty(errors);
        Assert.Equal($"127.0.0.1:5000/team/web@{Digest}", bound!.Options.Image.ToString());
        Assert.IsType<ExistingImageSource>(bound.Options.Source);
        Assert.Equal(TriggerMode.Wait, bound.Options.Trigger);
        Assert.Equal(TimeSpan.FromSeconds(90), bound.Options.Timeout);
        Assert.True(bound.Options.RollbackOnFailure);
        Assert.Equal("web:latest", bound.Options.StreamTag!.ToString());
        Assert.Equal(Path.GetDirectoryName(Sdk.ProjectFile), bound.Options.WorkingDirectory);
    }

    [Fact]
    public void Multi_platform_publish_is_pinned_to_the_digest_of_the_image_index_it_pushed()
    {
        const string index = """{"schemaVersion":2,"mediaType":"application/vnd.oci.image.index.v1+json","manifests":[]}""";
        var bound = Bind(Sdk with { GeneratedContainerDigest = null, GeneratedImageIndex = index }, out var errors);

        Assert.Empty(errors);
        Assert.Equal(Images.Digest.ComputeSha256(Encoding.UTF8.GetBytes(index)), bound!.Options.Image.Digest);
    }

    [Fact]
    public void A_publish_that_pushed_nothing_is_IR5018_not_a_release_of_whatever_the_tag_holds()
    {
        Bind(Sdk with { GeneratedContainerDigest = "" }, out var errors);

        Assert.Equal(TaskErrors.NoPublishedImage, Assert.Single(errors).Code);
    }

    [Fact]
    public void Sdk_dry_run_plans_the_sdk_publish_under_the_first_tag()
    {
        var bound = Bind(Sdk with { DryRun = "true" }, out _);

        Assert.True(bound!.Options.DryRun);
        Assert.Equal("127.0.0.1:5000/team/web:1.2.3", bound.Options.Image.ToString());
        Assert.Equal(Sdk.ProjectFile, Assert.IsType<SdkProjectSource>(bound.Options.Source).Project);
    }

    [Fact]
    public void Existing_image_without_a_stream_patches_the_workloads()
    {
        var bound = Bind(new ReleaseProperties
        {
            ProjectFile = Sdk.ProjectFile,
            Builder = "existing",
            Image = "registry.example.com/team/web:1.2",
            Workloads = [new WorkloadItem("deploy/web", "prod")],
        }, out var errors);

        Assert.Empty(errors);
        Assert.Equal(TriggerMode.Patch, bound!.Options.Trigger);
        Assert.Null(bound.Options.StreamTag);
        Assert.Equal("prod", Assert.Single(bound.Options.Workloads).Namespace);
        Assert.IsType<ExistingImageSource>(bound.Options.Source);
        Assert.Equal(ImageReference.Parse("registry.example.com/team/web:1.2"), bound.Options.Image);
    }

    [Fact]
    public void Dockerfile_builder_rejects_a_digest_target_and_a_missing_Dockerfile()
    {
        Bind(new ReleaseProperties
        {
            ProjectFile = Sdk.ProjectFile,
            Builder = "dockerfile",
            Image = $"registry.example.com/team/web@{Digest}",
            Dockerfile = "/nonexistent/Dockerfile",
            ImageStream = "web:latest",
        }, out var errors);

        Assert.Equal([TaskErrors.BadImage], errors.Select(e => e.Code));
        Bind(new ReleaseProperties { ProjectFile = Sdk.ProjectFile, Builder = "dockerfile", Image = "registry.example.com/team/web:1", Dockerfile = "/nonexistent/Dockerfile", ImageStream = "web:latest" }, out errors);
        Assert.Equal([TaskErrors.PathNotFound], errors.Select(e => e.Code));
    }

    [Fact]
    public void Registry_cluster_pushes_the_archive_PublishContainer_wrote_to_the_stream_in_the_integrated_registry()
    {
        var cluster = Sdk with { Registry = " cluster ", ContainerRegistry = null, GeneratedContainerDigest = null, GeneratedArchiveOutputPath = "obj/imageroll/Release/container.tar", Namespace = "shop" };

        var bound = Bind(cluster, out var errors);

        Assert.Empty(errors);
        Assert.True(bound!.Options.ClusterRegistry);
        var archive = Assert.IsType<ArchiveSource>(bound.Options.Source);
        Assert.Equal(Path.Combine(Path.GetDirectoryName(Sdk.ProjectFile)!, "obj", "imageroll", "Release", "container.tar"), archive.Path);
        // The host is the engine's to find from the cluster; until then the stream's name in the service host.
        Assert.Equal("image-registry.openshift-image-registry.svc:5000/shop/web:latest", bound.Options.Image.ToString());
        Assert.Empty(bound.Options.ExtraTags);

        // The check and a dry run run no PublishContainer: the plan names the project.
        Assert.IsType<SdkProjectSource>(Bind(cluster with { ImagePublished = false }, out _)!.Options.Source);
        Assert.IsType<SdkProjectSource>(Bind(cluster with { DryRun = "true" }, out _)!.Options.Source);
        // PublishContainer that wrote nothing is IR5018, as for a push.
        Bind(cluster with { GeneratedArchiveOutputPath = "" }, out errors);
        Assert.Equal(TaskErrors.NoPublishedImage, Assert.Single(errors).Code);
    }

    [Fact]
    public void Registry_cluster_takes_a_Dockerfile_and_refuses_what_names_another_registry()
    {
        var dockerfile = Path.GetTempFileName();
        try
        {
            var bound = Bind(new ReleaseProperties { ProjectFile = Sdk.ProjectFile, Builder = "dockerfile", Registry = "cluster", Dockerfile = dockerfile, ImageStream = "shop/web:1.0" }, out var errors);
            Assert.Empty(errors);
            Assert.True(bound!.Options.ClusterRegistry);
            Assert.Equal(dockerfile, Assert.IsType<DockerfileSource>(bound.Options.Source).Dockerfile);
            Assert.Equal("image-registry.openshift-image-registry.svc:5000/shop/web:1.0", bound.Options.Image.ToString());

            Bind(new ReleaseProperties { ProjectFile = Sdk.ProjectFile, Builder = "dockerfile", Registry = "cluster", Dockerfile = dockerfile, ImageStream = "web:latest", Image = "registry.example.com/team/web:1" }, out errors);
            Assert.Equal(("IR5026", true), (Assert.Single(errors).Code, errors[0].Message.StartsWith("ImageRollImage 'registry.example.com/team/web:1'", StringComparison.Ordinal)));
            Bind(Sdk with { Registry = "cluster", ImagePublished = false }, out errors);
            Assert.Equal(("IR5026", true), (Assert.Single(errors).Code, errors[0].Message.StartsWith("ContainerRegistry '127.0.0.1:5000'", StringComparison.Ordinal)));
            Bind(Sdk with { Registry = "127.0.0.1:5000" }, out errors);
            Assert.Equal(("IR5025", true), (Assert.Single(errors).Code, errors[0].Message.StartsWith("ImageRollRegistry '127.0.0.1:5000'", StringComparison.Ordinal)));
        }
        finally
        {
            File.Delete(dockerfile);
        }
    }

    [Theory]
    [InlineData("on", true)]
    [InlineData("yes", true)]
    [InlineData("!false", true)]
    [InlineData("off", false)]
    [InlineData("No", false)]
    public void Booleans_take_MSBuilds_own_words(string text, bool expected)
    {
        var bound = Bind(Sdk with { RollbackOnFailure = text }, out var errors);

        Assert.Empty(errors);
        Assert.Equal(expected, bound!.Options.RollbackOnFailure);
    }

    [Fact]
    public void A_property_from_the_command_line_is_said_to_be_from_there()
    {
        var binder = new ReleasePropertyBinder(Sdk with { Trigger = "sideways" }, new ProjectFilePropertyLocator(Sdk.ProjectFile, ["ImageRollTrigger"]));

        Assert.Null(binder.Bind());
        var error = Assert.Single(binder.Errors);
        Assert.EndsWith("(set on the command line)", error.Message, StringComparison.Ordinal);
        Assert.Equal(new SourceLocation(Sdk.ProjectFile), error.Location);
    }

    private static BoundRelease? Bind(ReleaseProperties properties, out IReadOnlyList<TaskError> errors)
    {
        var binder = new ReleasePropertyBinder(properties, new ProjectFilePropertyLocator(properties.ProjectFile, []));
        var bound = binder.Bind();
        errors = binder.Errors;
        return bound;
    }
}
