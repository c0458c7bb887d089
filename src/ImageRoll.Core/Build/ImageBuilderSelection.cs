namespace ImageRoll.Build;

/// <summary>Which backend a build uses: the one named, else the one whose input was given.</summary>
public static class ImageBuilderSelection
{
    public static ImageBuilderKind Choose(string? builder, string? project, string? dockerfile)
    {
        if (project is not null && dockerfile is not null)
        {
            throw new ImageRollException(BuildErrors.BadOptions, FailureKind.BadInput,
                "Both --project and --dockerfile were given.", "Pass --project for the sdk builder or --dockerfile for the dockerfile builder, not both.");
        }

        var kind = builder?.Trim().ToLowerInvariant() switch
        {
            null or "" => project is not null ? ImageBuilderKind.Sdk : dockerfile is not null ? ImageBuilderKind.Dockerfile : ImageBuilderKind.Existing,
            "sdk" => ImageBuilderKind.Sdk,
            "dockerfile" or "docker" => ImageBuilderKind.Dockerfile,
            "existing" => ImageBuilderKind.Existing,
            _ => throw new ImageRollException(BuildErrors.BadOptions, FailureKind.BadInput,
                $"--builder '{builder}' is not a builder.", "Use sdk, dockerfile or existing."),
        };

        (bool ok, string need) = kind switch
        {
            ImageBuilderKind.Sdk => (project is not null, "--project PATH"),
            ImageBuilderKind.Dockerfile => (dockerfile is not null, "--dockerfile PATH"),
            _ => (project is null && dockerfile is null, "neither --project nor --dockerfile"),
        };
        if (!ok)
        {
            throw new ImageRollException(BuildErrors.BadOptions, FailureKind.BadInput,
                $"The {kind.ToString().ToLowerInvariant()} builder takes {need}.",
                "Use --builder sdk with --project, --builder dockerfile with --dockerfile, or --builder existing with neither.");
        }

        return kind;
    }
}
