using System.Globalization;
using System.Text;
using ImageRoll.Cli.Ci;
using ImageRoll.Release;

namespace ImageRoll.Cli.Reporting;

/// <summary>
/// GitHub Actions (<c>GITHUB_ACTIONS=true</c>): a collapsible <c>::group::</c> per step around the console's lines,
/// <c>::warning</c> for warnings, and at the end the step outputs <c>image</c>, <c>digest</c>, <c>pull-spec</c> and
/// <c>result</c> appended to <c>$GITHUB_OUTPUT</c> and a markdown table of the workloads appended to
/// <c>$GITHUB_STEP_SUMMARY</c>. Failures become <c>::error</c> where errors are printed
/// (<see cref="Console.ErrorLines"/>). The files are appended in one write each, so a cancelled run leaves no half entry.
/// </summary>
public sealed class GitHubActionsReporter(TextWriter error, Func<string, string?> environment) : IReleaseObserver
{
    private readonly object _gate = new();
    private bool _inGroup;

    public void StepStarted(ReleaseStep step, string description)
    {
        lock (_gate)
        {
            EndGroup();
            error.WriteLine(WorkflowCommands.Group($"imageroll {ReleaseText.StepName(step)}: {description}"));
            error.Flush();
            _inGroup = true;
        }
    }

    public void StepFinished(ReleaseStepResult result)
    {
        // The plan's lines come with PlanReady, after the plan step finished: its group stays open for them and
        // closes when the next step starts (or at the end).
        if (result?.Step == ReleaseStep.Plan)
        {
            return;
        }

        lock (_gate)
        {
            EndGroup();
        }
    }

    public void Warning(string code, string message)
    {
        lock (_gate)
        {
            error.WriteLine(WorkflowCommands.Warning(code, message));
            error.Flush();
        }
    }

    public void Completed(ReleaseResult result)
    {
        ArgumentNullException.ThrowIfNull(result);
        lock (_gate)
        {
            EndGroup();
        }

        if (environment("GITHUB_OUTPUT") is { Length: > 0 } outputs)
        {
            WorkflowCommands.Append(outputs, Outputs(result));
        }

        if (environment("GITHUB_STEP_SUMMARY") is { Length: > 0 } summary)
        {
            WorkflowCommands.Append(summary, Summary(result));
        }
    }

    /// <summary>The step outputs, in the heredoc form that is safe for any value.</summary>
    public static string Outputs(ReleaseResult result)
    {
        ArgumentNullException.ThrowIfNull(result);
        return WorkflowCommands.KeyValue("image", result.DigestReference ?? result.Image)
            + WorkflowCommands.KeyValue("digest", result.Digest ?? string.Empty)
            + WorkflowCommands.KeyValue("pull-spec", result.PullSpec ?? string.Empty)
            + WorkflowCommands.KeyValue("result", ReleaseText.Status(result.Status));
    }

    /// <summary>The job summary: the outcome, the image, and one table row per workload (failures with their evidence below).</summary>
    public static string Summary(ReleaseResult result)
    {
        ArgumentNullException.ThrowIfNull(result);
        var sb = new StringBuilder();
        sb.Append(CultureInfo.InvariantCulture, $"### imageroll release: {ReleaseText.Status(result.Status)}\n\n");
        sb.Append(CultureInfo.InvariantCulture, $"Image `{Cell(result.DigestReference ?? result.Image)}`");
        if (result.StreamTag is not null)
        {
            sb.Append(CultureInfo.InvariantCulture, $", stream tag `{Cell(result.StreamTag)}`");
        }

        sb.Append(CultureInfo.InvariantCulture, $", {Util.GoDuration.Format(ReleaseText.Round(result.Elapsed))}.\n\n");
        if (result.Workloads.Count > 0)
        {
            sb.Append("| Workload | Namespace | Outcome | Revision | Rollout | Message |\n|---|---|---|---|---|---|\n");
            foreach (var w in result.Workloads)
            {
                sb.Append(CultureInfo.InvariantCulture,
                    $"| {Cell(w.Kind.ToLowerInvariant())}/{Cell(w.Name)} | {Cell(w.Namespace)} | {Cell(w.Outcome.ToString())} | {Cell(w.Revision ?? "")} | {Util.GoDuration.Format(ReleaseText.Round(w.RolloutDuration))} | {Cell(w.Message)} |\n");
            }

            sb.Append('\n');
        }

        foreach (var w in result.Workloads.Where(w => w.Evidence is not null || w.Rollback is not null))
        {
            sb.Append(CultureInfo.InvariantCulture, $"<details><summary>{Html(w.Kind.ToLowerInvariant())}/{Html(w.Name)}: evidence</summary>\n\n```\n");
            foreach (var line in JUnitReport.FailureText(w).Split('\n'))
            {
                sb.Append(line.Replace("```", "'''", StringComparison.Ordinal)).Append('\n');
            }

            sb.Append("```\n</details>\n\n");
        }

        if (result.Error is { } e)
        {
            sb.Append(CultureInfo.InvariantCulture, $"**{Cell(e.Code)}**: {Cell(e.Message)}\n\n");
        }

        return sb.ToString();
    }

    private static string Cell(string text) =>
        text.Replace("|", "\\|", StringComparison.Ordinal).Replace("\r", " ", StringComparison.Ordinal).Replace("\n", " ", StringComparison.Ordinal);

    private static string Html(string text) => System.Net.WebUtility.HtmlEncode(text);

    private void EndGroup()
    {
        if (_inGroup)
        {
            error.WriteLine(WorkflowCommands.EndGroup);
            error.Flush();
            _inGroup = false;
        }
    }
}
