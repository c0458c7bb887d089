namespace ImageRoll.Cli.Ci;

/// <summary>The CI system the process runs under, from the variables each one sets for its jobs.</summary>
public enum CiKind
{
    None,

    /// <summary><c>GITHUB_ACTIONS=true</c>: workflow commands, <c>$GITHUB_OUTPUT</c>, <c>$GITHUB_STEP_SUMMARY</c>.</summary>
    GitHubActions,

    /// <summary><c>JENKINS_URL</c> set: plain lines the timestamper plugin can prefix, JUnit for the junit step.</summary>
    Jenkins,
}
