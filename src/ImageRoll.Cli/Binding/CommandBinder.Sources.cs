using ImageRoll.Build;
using ImageRoll.Release;

namespace ImageRoll.Cli.Binding;

/// <summary>Where the image comes from (build, release): the source options and their contradictions.</summary>
public sealed partial class CommandBinder
{
    private const string SourceHint = "Give one source: --project P (.NET SDK), --dockerfile F [--context D] (Docker), --archive PATH (OCI/docker archive), or none to release an image already in the registry.";

    /// <summary>IR2030/IR2031 for source options that contradict each other or apply to another source.</summary>
    public void CheckSourceOptions()
    {
        Exclusive(CliOptions.Project, CliOptions.Dockerfile, SourceHint);
        Exclusive(CliOptions.Project, CliOptions.Archive, SourceHint);
        Exclusive(CliOptions.Dockerfile, CliOptions.Archive, SourceHint);
        Requires(CliOptions.BuildContext, "--context is the Dockerfile's build context: add --dockerfile F, or drop --context.", CliOptions.Dockerfile);
        foreach (var dockerOnly in new System.CommandLine.Option[] { CliOptions.Target, CliOptions.Pull, CliOptions.NoCache, CliOptions.BuildArgs })
        {
            Requires(dockerOnly, $"{dockerOnly.Name} applies to Dockerfile builds: add --dockerfile F, or drop {dockerOnly.Name}.", CliOptions.Dockerfile);
        }

        Requires(CliOptions.Configuration, "--configuration applies to the .NET SDK build: add --project P, or drop --configuration.", CliOptions.Project);
        Requires(CliOptions.BaseImage, "--base-image applies to a build: add --project P or --dockerfile F, or drop --base-image.", CliOptions.Project, CliOptions.Dockerfile);
        Requires(CliOptions.Labels, "--label applies to a build: add --project P or --dockerfile F, or drop --label.", CliOptions.Project, CliOptions.Dockerfile);
        if (IsRelease)
        {
            Requires(CliOptions.ArchiveRef, "--ref picks an image of --archive: add --archive PATH, or drop --ref.", CliOptions.Archive);
            Requires(CliOptions.ExtraTags, "--tag pushes more tags of an image ImageRoll pushes itself: add --archive or --dockerfile, or drop --tag.", CliOptions.Archive, CliOptions.Dockerfile);
        }
    }

    /// <summary>The release's source from <c>--project</c>, <c>--dockerfile</c>/<c>--context</c> or <c>--archive</c>; none: the existing image.</summary>
    public ReleaseSource ReleaseSource()
    {
        CheckSourceOptions();
        if (FullPath(CliOptions.Project) is { } project)
        {
            return new SdkProjectSource(project)
            {
                Configuration = Text(CliOptions.Configuration) ?? "Release",
                BaseImage = Text(CliOptions.BaseImage),
                Labels = KeyValueArguments.Parse(List(CliOptions.Labels), Source(CliOptions.Labels), null),
            };
        }

        if (FullPath(CliOptions.Dockerfile) is { } dockerfile)
        {
            return new DockerfileSource(dockerfile)
            {
                Context = FullPath(CliOptions.BuildContext),
                BaseImage = Text(CliOptions.BaseImage),
                BuildArgs = KeyValueArguments.Parse(List(CliOptions.BuildArgs), Source(CliOptions.BuildArgs), Environment),
                Labels = KeyValueArguments.Parse(List(CliOptions.Labels), Source(CliOptions.Labels), null),
                Target = Text(CliOptions.Target),
                Pull = Flag(CliOptions.Pull),
                NoCache = Flag(CliOptions.NoCache),
            };
        }

        return FullPath(CliOptions.Archive) is { } archive ? new ArchiveSource(archive) { RefName = Text(CliOptions.ArchiveRef) } : new ExistingImageSource();
    }
}
