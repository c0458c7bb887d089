namespace ImageRoll.Cli.Ci;

/// <summary>Which CI the process runs under; GitHub Actions wins when both are set (a Jenkins agent variable leaking into a workflow).</summary>
public static class CiDetection
{
    public static CiKind Detect(Func<string, string?> environment)
    {
        ArgumentNullException.ThrowIfNull(environment);
        if (string.Equals(environment("GITHUB_ACTIONS"), "true", StringComparison.OrdinalIgnoreCase))
        {
            return CiKind.GitHubActions;
        }

        return string.IsNullOrEmpty(environment("JENKINS_URL")) ? CiKind.None : CiKind.Jenkins;
    }
}
