using System.Globalization;
using System.Text.RegularExpressions;

namespace ImageRoll.Build;

/// <summary>
/// The OCI annotation keys ImageRoll fills on built images (image-spec annotations.md): where the source lives, the
/// commit it was built from, and when. CI variables win over the local git checkout (a CI checkout is often a
/// detached or shallow clone whose remote URL carries a token): GitHub Actions (GITHUB_SERVER_URL, GITHUB_REPOSITORY,
/// GITHUB_SHA), Jenkins' git plugin (GIT_URL, GIT_COMMIT), then <c>git rev-parse HEAD</c> and the origin URL.
/// Credentials in a remote URL are never copied into a label.
/// </summary>
public static partial class OciLabels
{
    public const string Source = "org.opencontainers.image.source";
    public const string Revision = "org.opencontainers.image.revision";
    public const string Created = "org.opencontainers.image.created";

    /// <summary>Collects the labels for a build in <paramref name="workingDirectory"/>; absent facts are left out.</summary>
    public static async Task<Dictionary<string, string>> CollectAsync(string workingDirectory, Func<string, string?> env, DateTimeOffset now, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(env);
        var labels = new Dictionary<string, string>(StringComparer.Ordinal);
        string? source = null;
        string? revision = null;
        if (Nonempty(env("GITHUB_SERVER_URL")) is { } server && Nonempty(env("GITHUB_REPOSITORY")) is { } repo)
        {
            source = $"{server.TrimEnd('/')}/{repo}";
            revision = Nonempty(env("GITHUB_SHA"));
        }
        else if (Nonempty(env("GIT_URL")) is { } gitUrl)
        {
            source = SanitizeRemote(gitUrl);
            revision = Nonempty(env("GIT_COMMIT"));
        }

        if (source is null || revision is null)
        {
            revision ??= await GitAsync(workingDirectory, ["rev-parse", "HEAD"], cancellationToken).ConfigureAwait(false);
            if (source is null && await GitAsync(workingDirectory, ["config", "--get", "remote.origin.url"], cancellationToken).ConfigureAwait(false) is { } remote)
            {
                source = SanitizeRemote(remote);
            }
        }

        if (source is not null)
        {
            labels[Source] = source;
        }

        if (revision is not null && CommitPattern().IsMatch(revision))
        {
            labels[Revision] = revision;
        }

        // SOURCE_DATE_EPOCH (reproducible-builds.org) pins the time when a build wants reproducible metadata.
        var created = long.TryParse(env("SOURCE_DATE_EPOCH"), NumberStyles.None, CultureInfo.InvariantCulture, out var epoch)
            ? DateTimeOffset.FromUnixTimeSeconds(epoch)
            : now;
        labels[Created] = created.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture);
        return labels;
    }

    /// <summary>
    /// A remote URL fit for a label: user info removed, scp-like <c>git@host:org/repo.git</c> turned into
    /// <c>https://host/org/repo</c>, a trailing <c>.git</c> dropped (as the SDK does for its source label).
    /// </summary>
    public static string? SanitizeRemote(string remote)
    {
        ArgumentNullException.ThrowIfNull(remote);
        var text = remote.Trim();
        if (ScpLike().Match(text) is { Success: true } scp)
        {
            text = $"https://{scp.Groups["host"].Value}/{scp.Groups["path"].Value}";
        }

        if (!Uri.TryCreate(text, UriKind.Absolute, out var uri) || uri.IsFile)
        {
            return null;
        }

        var builder = new UriBuilder(uri) { UserName = string.Empty, Password = string.Empty };
        if (builder.Scheme is "ssh" or "git")
        {
            builder.Scheme = "https";
            builder.Port = -1;
        }

        var result = builder.Uri.GetComponents(UriComponents.SchemeAndServer | UriComponents.Path, UriFormat.UriEscaped);
        return result.EndsWith(".git", StringComparison.Ordinal) ? result[..^4] : result.TrimEnd('/');
    }

    private static async Task<string?> GitAsync(string workingDirectory, string[] args, CancellationToken cancellationToken)
    {
        try
        {
            var result = await ChildProcess.RunAsync("git", ["-C", workingDirectory, .. args], workingDirectory,
                new Dictionary<string, string?> { ["GIT_TERMINAL_PROMPT"] = "0" }, null, cancellationToken).ConfigureAwait(false);
            return result.ExitCode == 0 && result.Output.Count > 0 ? Nonempty(result.Output[0]) : null;
        }
        catch (FileNotFoundException)
        {
            return null;
        }
    }

    private static string? Nonempty(string? value) => string.IsNullOrWhiteSpace(value) ? null : value.Trim();

    [GeneratedRegex("^(?:[^@/]+@)?(?<host>[^:/]+):(?!//)(?<path>[^/].*)$")]
    private static partial Regex ScpLike();

    [GeneratedRegex("^[0-9a-f]{40}([0-9a-f]{24})?$")]
    private static partial Regex CommitPattern();
}
