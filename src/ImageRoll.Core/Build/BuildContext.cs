namespace ImageRoll.Build;

/// <summary>
/// A Docker build context: the folder sent to the daemon, the Dockerfile, and the .dockerignore that filters it.
/// As the docker CLI does (cli/command/image/build.go, build.TrimBuildFilesFromExcludes), the Dockerfile and
/// .dockerignore are always sent even if a pattern excludes them, and a Dockerfile outside the context folder is
/// added to the tar under a generated name.
/// </summary>
public sealed record BuildContext
{
    private BuildContext(string directory, string dockerfileSource, string dockerfileEntry, bool dockerfileOutside, DockerIgnore ignore)
    {
        Directory = directory;
        DockerfileSource = dockerfileSource;
        DockerfileEntry = dockerfileEntry;
        DockerfileOutside = dockerfileOutside;
        Ignore = ignore;
    }

    /// <summary>The context folder (absolute).</summary>
    public string Directory { get; }

    /// <summary>The Dockerfile on disk (absolute).</summary>
    public string DockerfileSource { get; }

    /// <summary>The Dockerfile's name inside the tar, the <c>dockerfile</c> build parameter.</summary>
    public string DockerfileEntry { get; }

    /// <summary>Whether the Dockerfile lives outside the context and is added under <see cref="DockerfileEntry"/>.</summary>
    public bool DockerfileOutside { get; }

    public DockerIgnore Ignore { get; }

    /// <summary>
    /// Resolves the context and Dockerfile (relative paths against <paramref name="workingDirectory"/>); the
    /// context defaults to the Dockerfile's folder.
    /// </summary>
    public static BuildContext Create(string dockerfile, string? contextDirectory, string workingDirectory)
    {
        ArgumentNullException.ThrowIfNull(dockerfile);
        var dockerfilePath = Path.GetFullPath(dockerfile, workingDirectory);
        if (!File.Exists(dockerfilePath))
        {
            throw new ImageRollException(Docker.DockerErrors.MissingContext, FailureKind.BadInput,
                $"The Dockerfile '{dockerfile}' does not exist (looked at {dockerfilePath}).",
                "Pass --dockerfile with the path of an existing Dockerfile.");
        }

        var context = Path.TrimEndingDirectorySeparator(Path.GetFullPath(contextDirectory ?? Path.GetDirectoryName(dockerfilePath)!, workingDirectory));
        if (!System.IO.Directory.Exists(context))
        {
            throw new ImageRollException(Docker.DockerErrors.MissingContext, FailureKind.BadInput,
                $"The build context '{contextDirectory}' is not a folder (looked at {context}).",
                "Pass --context with the folder to send to the Docker daemon (default: the Dockerfile's folder).");
        }

        var relative = Path.GetRelativePath(context, dockerfilePath).Replace('\\', '/');
        var outside = relative.StartsWith("../", StringComparison.Ordinal) || relative == ".." || Path.IsPathRooted(relative);
        var entry = outside ? $".dockerfile.{Guid.NewGuid():N}"[..24] : DockerIgnore.CleanPath(relative);

        var patterns = File.Exists(Path.Combine(context, ".dockerignore"))
            ? DockerIgnore.ReadLines(File.ReadAllText(Path.Combine(context, ".dockerignore"))).ToList()
            : [];
        var ignore = new DockerIgnore(patterns);
        if (ignore.IsExcluded(".dockerignore"))
        {
            patterns.Add("!.dockerignore");
        }

        if (!outside && ignore.IsExcluded(entry))
        {
            patterns.Add("!" + entry);
        }

        return new BuildContext(context, dockerfilePath, entry, outside, new DockerIgnore(patterns));
    }
}
