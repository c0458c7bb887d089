using ImageRoll.Images;
using ImageRoll.OpenShift.ImageStreams;
using ImageRoll.OpenShift.TriggerStep;
using ImageRoll.Release;

namespace ImageRoll.Cli.Binding;

/// <summary><c>imageroll release</c>: every option into one <see cref="Release.ReleaseOptions"/>, checked whole before the runner starts.</summary>
public sealed partial class CommandBinder
{
    /// <summary>The image as given (for the result document of a release that never started); null when even that cannot be read.</summary>
    public string? ReleaseImageTextOrNull()
    {
        try
        {
            return Text(CliOptions.ReleaseImage);
        }
        catch (ImageRollException)
        {
            return null;
        }
    }

    public ReleaseOptions ReleaseOptions()
    {
        if (Choice(CliOptions.Registry, "", "cluster") == "cluster")
        {
            return ClusterRegistryRelease();
        }

        var imageText = Text(CliOptions.ReleaseImage) ?? throw new ImageRollException(CommandErrors.NoImage, FailureKind.BadInput,
            "imageroll release needs --image: where to push, or the image to release.",
            "Add --image REG/REPO[:TAG] (with --project, --dockerfile or --archive) or --image REG/REPO@sha256:D for an image already pushed (or set IMAGEROLL_IMAGE / 'image' in imageroll.yaml).");
        var image = Named(CliOptions.ReleaseImage, () => ImageReference.Parse(imageText));
        _ = RegistryOptions;
        var source = ReleaseSource();
        if (image.Digest is not null && source is not ExistingImageSource)
        {
            var builder = new[] { CliOptions.Project, CliOptions.Dockerfile, CliOptions.Archive }.First(IsGiven);
            throw new ImageRollException(ReleaseErrors.DigestTarget, FailureKind.BadInput,
                $"{Source(CliOptions.ReleaseImage)} {imageText} (a digest) and {Source(builder)} exclude each other: a build or push ends with a new digest, it cannot produce a given one.",
                $"Push to a tag (--image {image.Registry}/{image.Repository}:TAG) with {builder.Name}, or drop {builder.Name} to release the existing image.");
        }

        return ReleaseFrom(image, source);
    }

    /// <summary><c>--registry cluster</c>: no <c>--image</c> (the engine names it from the cluster), a stream tag to push to.</summary>
    private ReleaseOptions ClusterRegistryRelease()
    {
        Exclusive(CliOptions.Registry, CliOptions.ReleaseImage,
            "--registry cluster pushes to HOST/NAMESPACE/STREAM:TAG of --stream, the host found from the cluster: drop --image, or drop --registry to push where --image says.");
        if (!IsGiven(CliOptions.Stream))
        {
            throw new ImageRollException(CommandErrors.MissingRequiredOption, FailureKind.BadInput,
                $"{Source(CliOptions.Registry)} cluster needs --stream STREAM:TAG, which was not given: the stream is the repository pushed to.",
                "Add --stream STREAM:TAG (NAMESPACE/STREAM:TAG for another namespace).");
        }

        _ = RegistryOptions;
        var streamTag = Named(CliOptions.Stream, () => StreamTagRef.Parse(Text(CliOptions.Stream)!, Namespace));
        return ReleaseFrom(global::ImageRoll.Release.ReleaseOptions.ClusterRegistryImage(streamTag, Namespace), ReleaseSource()) with { ClusterRegistry = true };
    }

    private ReleaseOptions ReleaseFrom(ImageReference image, ReleaseSource source)
    {
        var streamTag = Text(CliOptions.Stream) is { } s ? Named(CliOptions.Stream, () => StreamTagRef.Parse(s, Namespace)) : null;
        var workloads = Workloads(List(CliOptions.Workload));
        CheckTriggerOptions();
        if (streamTag is null)
        {
            CheckPlainKubernetes(workloads.Count);
        }

        return WithRunOptions(new ReleaseOptions
        {
            Image = image,
            Source = source,
            StreamTag = streamTag,
            Workloads = workloads,
            Trigger = streamTag is null ? TriggerMode.Patch : Trigger,
            Namespace = Namespace,
            ReferencePolicy = ReferencePolicy,
            ImportMode = ImportMode,
            CreateStream = Flag(CliOptions.CreateStream),
            ExtraTags = List(CliOptions.ExtraTags),
        });
    }

    /// <summary>What <c>release</c> and <c>promote</c> share: the deadline, how the rollouts are followed, the run's folder.</summary>
    private ReleaseOptions WithRunOptions(ReleaseOptions options) => options with
    {
        Timeout = Timeout,
        GracePeriod = Duration(CliOptions.GracePeriod),
        TriggerGrace = TriggerGrace,
        Wait = !Flag(CliOptions.NoWait),
        RollbackOnFailure = Flag(CliOptions.RollbackOnFailure),
        DryRun = Flag(CliOptions.DryRun),
        Container = Text(CliOptions.Container),
        IgnorePaused = Flag(CliOptions.IgnorePaused),
        WorkingDirectory = WorkingDirectory,
    };

    /// <summary><c>--junit</c> and <c>--report</c>: absolute, in a folder that exists, not a folder themselves (IR2006).</summary>
    public (string? Junit, string? Report) ReleaseFiles() => (OutputFile(CliOptions.Junit), OutputFile(CliOptions.Report));

    private void CheckPlainKubernetes(int workloads)
    {
        const string Hint = "With an image stream: add --stream STREAM:TAG. Plain Kubernetes (no stream): name the workloads with --workload KIND/NAME; their container image is patched.";
        if (workloads == 0)
        {
            throw new ImageRollException(ReleaseErrors.NoWorkloads, FailureKind.BadInput,
                "imageroll release needs --stream STREAM:TAG (the workloads are those whose triggers follow it) or at least one --workload KIND/NAME.", Hint);
        }

        if (IsGiven(CliOptions.Trigger) && Trigger == TriggerMode.Wait)
        {
            throw new ImageRollException(CommandErrors.MissingRequiredOption, FailureKind.BadInput,
                $"{Source(CliOptions.Trigger)} wait only applies with --stream, which was not given: without an image stream no trigger controller acts.", Hint);
        }

        foreach (var streamOnly in new System.CommandLine.Option[] { CliOptions.ReferencePolicy, CliOptions.ImportMode, CliOptions.CreateStream, CliOptions.TriggerGrace })
        {
            Requires(streamOnly, $"{streamOnly.Name} is about the image stream tag: add --stream STREAM:TAG, or drop {streamOnly.Name}.", CliOptions.Stream);
        }
    }

    private string? OutputFile(System.CommandLine.Option<string?> option)
    {
        if (FullPath(option) is not { } path)
        {
            return null;
        }

        var folder = Path.GetDirectoryName(path);
        if (Directory.Exists(path) || folder is null || !Directory.Exists(folder))
        {
            throw new ImageRollException(CommandErrors.ReportNotWritten, FailureKind.BadInput,
                Directory.Exists(path) ? $"{Source(option)} '{Text(option)}' is a folder; it needs a file name." : $"{Source(option)} '{Text(option)}': the folder {folder} does not exist.",
                $"Give {option.Name} a file path in an existing folder, for example {option.Name} {(option == CliOptions.Junit ? "TestResults/imageroll.xml" : "imageroll-release.json")}.");
        }

        return path;
    }

    /// <summary>Runs a parser that throws the engine's IR error and names the option (as the user wrote it) in front of its message.</summary>
    private T Named<T>(System.CommandLine.Option option, Func<T> parse)
    {
        try
        {
            return parse();
        }
        catch (ImageRollException ex) when (ex.Kind == FailureKind.BadInput)
        {
            throw new ImageRollException(ex.Code, ex.Kind, $"{Source(option)}: {ex.Message}", ex.Hint, ex);
        }
    }
}
