using System.Xml.Linq;
using ImageRoll.Cli.Ci;
using ImageRoll.Cli.Reporting;
using ImageRoll.Release;
using ImageRoll.Rollouts;

namespace ImageRoll.Core.Tests.Cli;

/// <summary>The CI renderers of a ReleaseResult: JUnit for Jenkins, GitHub Actions outputs and summary, workflow command escaping.</summary>
public class ReleaseReportTests
{
    private const string DigestRef = "127.0.0.1:5000/shop/web@sha256:0d1f2b8f3c2a1e6d5b4c3a29180716253443526170819a0b1c2d3e4f50617283";

    private static readonly RolloutEvidence Evidence = new("web-6d4cf56db6-x7k2p", "web", "ImagePullBackOff", "Back-off pulling image \"x\"", 0, TimeSpan.FromSeconds(61), "web-6d4cf56db6",
        [new RolloutEventEvidence("Warning", "Failed", "Failed to pull image \"x\": not found", 3, null, "pod/web-6d4cf56db6-x7k2p")]);

    private static ReleaseResult Result(params WorkloadRelease[] workloads) => new()
    {
        Status = workloads.Any(w => w.Outcome == WorkloadOutcome.Failed) ? ReleaseStatus.RolloutFailed : ReleaseStatus.Succeeded,
        Image = "127.0.0.1:5000/shop/web:1",
        DigestReference = DigestRef,
        Digest = DigestRef.Split('@')[1],
        PullSpec = DigestRef,
        StreamTag = "shop/web:latest",
        Workloads = workloads,
        Elapsed = TimeSpan.FromSeconds(42),
        Error = workloads.Any(w => w.Outcome == WorkloadOutcome.Failed) ? new ReleaseError("IR4002", FailureKind.RolloutFailed, "deployment/api rollout failed", "see the evidence", ReleaseStep.Rollout) : null,
    };

    private static WorkloadRelease Ok(string name) => new("Deployment", name, "shop", WorkloadOutcome.Succeeded, $"deployment \"{name}\" successfully rolled out")
    {
        Revision = "3",
        RolloutDuration = TimeSpan.FromSeconds(12.5),
    };

    private static WorkloadRelease Failed(string name) => new("Deployment", name, "shop", WorkloadOutcome.Failed, $"deployment/{name} rollout failed: ImagePullBackOff")
    {
        Evidence = Evidence,
        RolloutDuration = TimeSpan.FromSeconds(61),
    };

    [Fact]
    public void JUnit_has_one_test_case_per_workload_and_the_evidence_as_failure_text()
    {
        var xml = XDocument.Parse(JUnitReport.ToXml(Result(Ok("web"), Failed("api"))));
        var suite = xml.Root!.Element("testsuite")!;
        Assert.Equal(("2", "1", "0"), ((string?)suite.Attribute("tests"), (string?)suite.Attribute("failures"), (string?)suite.Attribute("skipped")));
        var cases = suite.Elements("testcase").ToList();
        Assert.Equal(["deployment/web", "deployment/api"], cases.Select(c => (string?)c.Attribute("name")));
        Assert.All(cases, c => Assert.Equal("imageroll.shop", (string?)c.Attribute("classname")));
        Assert.Null(cases[0].Element("failure"));
        Assert.Equal("12.500", (string?)cases[0].Attribute("time"));
        var failure = cases[1].Element("failure")!;
        Assert.Equal("RolloutFailed", (string?)failure.Attribute("type"));
        Assert.Contains("pod web-6d4cf56db6-x7k2p container web: ImagePullBackOff", failure.Value, StringComparison.Ordinal);
        Assert.Contains("event Warning Failed pod/web-6d4cf56db6-x7k2p: Failed to pull image", failure.Value, StringComparison.Ordinal);
    }

    [Fact]
    public void JUnit_of_a_release_that_failed_before_the_rollouts_fails_a_release_case()
    {
        var result = new ReleaseResult
        {
            Status = ReleaseStatus.Failed,
            Image = "127.0.0.1:5000/shop/web:1",
            Workloads = [new WorkloadRelease("Deployment", "web", "shop", WorkloadOutcome.NotStarted, "not reached")],
            Error = new ReleaseError("IR1000", FailureKind.OperationFailed, "registry 127.0.0.1:5000 unreachable", "start it", ReleaseStep.Image),
        };
        var suite = XDocument.Parse(JUnitReport.ToXml(result)).Root!.Element("testsuite")!;
        var release = suite.Elements("testcase").First();
        Assert.Equal("release", (string?)release.Attribute("name"));
        Assert.Contains("IR1000", (string?)release.Element("failure")!.Attribute("message"), StringComparison.Ordinal);
        Assert.NotNull(suite.Elements("testcase").Last().Element("skipped"));
        Assert.Equal(("2", "1", "1"), ((string?)suite.Attribute("tests"), (string?)suite.Attribute("failures"), (string?)suite.Attribute("skipped")));
    }

    [Fact]
    public void GitHub_outputs_use_the_heredoc_form_with_a_random_delimiter()
    {
        var text = GitHubActionsReporter.Outputs(Result(Ok("web")));
        var lines = text.Split('\n');
        Assert.StartsWith("image<<ghadelimiter_", lines[0], StringComparison.Ordinal);
        Assert.Equal(DigestRef, lines[1]);
        Assert.Equal(lines[0]["image<<".Length..], lines[2]);
        Assert.Contains("digest<<", text, StringComparison.Ordinal);
        Assert.Contains("pull-spec<<", text, StringComparison.Ordinal);
        Assert.Contains("result<<", text, StringComparison.Ordinal);
        Assert.Contains("\nsucceeded\n", text, StringComparison.Ordinal);
        Assert.NotEqual(WorkflowCommands.KeyValue("a", "b"), WorkflowCommands.KeyValue("a", "b"));
    }

    [Fact]
    public void GitHub_summary_is_a_markdown_table_row_per_workload_with_the_evidence_below()
    {
        var summary = GitHubActionsReporter.Summary(Result(Ok("web"), Failed("api") with { Message = "a | b" }));
        var rows = summary.Split('\n').Where(l => l.StartsWith("| deployment/", StringComparison.Ordinal)).ToList();
        Assert.Equal(2, rows.Count);
        Assert.Contains("| deployment/web | shop | Succeeded | 3 |", rows[0], StringComparison.Ordinal);
        Assert.Contains("a \\| b", rows[1], StringComparison.Ordinal);
        Assert.Contains("<details><summary>deployment/api: evidence</summary>", summary, StringComparison.Ordinal);
        Assert.Contains("**IR4002**", summary, StringComparison.Ordinal);
    }

    [Fact]
    public void Workflow_commands_escape_data_and_properties_as_the_toolkit_does()
    {
        Assert.Equal("::error title=IR1000::50%25 done%0Anext line", WorkflowCommands.Error("IR1000", "50% done\nnext line"));
        Assert.Equal("::warning title=a%3Ab%2Cc::m", WorkflowCommands.Warning("a:b,c", "m"));
        Assert.Equal(["::add-mask::line1", "::add-mask::line2"], WorkflowCommands.AddMask("line1\r\nline2\n"));
    }

    [Fact]
    public void Plain_console_prints_each_rollout_state_once_and_no_escape_codes()
    {
        using var error = new StringWriter();
        var console = new PlainReleaseConsole(error, Microsoft.Extensions.Logging.LogLevel.Information);
        var web = ImageRoll.Kubernetes.WorkloadRef.Parse("deployment/web", "shop");
        var waiting = new RolloutProgress(web, RolloutState.Waiting, "Waiting for deployment \"web\" rollout to finish: 0 of 1 updated replicas are available...", null, DateTimeOffset.UtcNow);
        console.RolloutProgress(waiting);
        console.RolloutProgress(waiting);
        console.RolloutFinished(new RolloutResult(web, RolloutOutcome.Succeeded, "deployment \"web\" successfully rolled out", null, TimeSpan.FromSeconds(3)));
        var lines = error.ToString().Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.Equal(2, lines.Length);
        Assert.DoesNotContain('\u001b', error.ToString());
        Assert.Equal("deployment/web: succeeded: deployment \"web\" successfully rolled out", lines[1]);
    }

    [Fact]
    public void GitHub_groups_wrap_each_step_around_the_console_lines()
    {
        using var error = new StringWriter();
        var observer = new CompositeReleaseObserver([new GitHubActionsReporter(error, _ => null), new PlainReleaseConsole(error, Microsoft.Extensions.Logging.LogLevel.Information)]);
        observer.StepStarted(ReleaseStep.Image, "archive a.tar -> reg/app:1");
        var step = new ReleaseStepResult(ReleaseStep.Image, true, TimeSpan.FromSeconds(1), "pushed");
        observer.StepFinished(step);
        observer.Completed(Result(Ok("web")) with { Steps = [step] });
        Assert.Equal(
            ["::group::imageroll image: archive a.tar -> reg/app:1", "image: archive a.tar -> reg/app:1", "image done in 1s: pushed", "::endgroup::", "release succeeded in 42s"],
            error.ToString().Split(Environment.NewLine, StringSplitOptions.RemoveEmptyEntries));
    }

    [Fact]
    public void Live_console_redraws_the_rollout_block_in_place_and_cuts_lines_to_the_terminal()
    {
        using var error = new StringWriter();
        using var console = new LiveReleaseConsole(error, Microsoft.Extensions.Logging.LogLevel.Information, width: 60, new NoTimers());
        var web = ImageRoll.Kubernetes.WorkloadRef.Parse("deployment/web", "shop");
        console.RolloutProgress(new RolloutProgress(web, RolloutState.Waiting, "Waiting for deployment \"web\" rollout to finish: 1 of 3 updated replicas are available...", null, DateTimeOffset.UtcNow));
        console.Warning("IR3383", "first line that stays");
        var afterFirst = error.ToString();
        Assert.StartsWith("\u001b[2Kwarning IR3383: first line that stays\n\u001b[2Kdeployment/web: Waiting for deployment", afterFirst, StringComparison.Ordinal);
        var drawn = afterFirst.Split('\n')[1];
        Assert.Equal(59, drawn.Length - "\u001b[2K".Length);
        Assert.EndsWith("…", drawn, StringComparison.Ordinal);
        console.RolloutProgress(new RolloutProgress(web, RolloutState.Waiting, "2 of 3", null, DateTimeOffset.UtcNow));
        console.Warning("IR3383", "second");
        var redraw = error.ToString()[afterFirst.Length..];
        Assert.StartsWith("\u001b[1F\u001b[2Kwarning IR3383: second\n\u001b[2Kdeployment/web: 2 of 3\n", redraw, StringComparison.Ordinal);
    }

    /// <summary>No timer ever fires: the live block is drawn only by the calls the test makes.</summary>
    private sealed class NoTimers : TimeProvider
    {
        public override ITimer CreateTimer(TimerCallback callback, object? state, TimeSpan dueTime, TimeSpan period) => new Never();

        private sealed class Never : ITimer
        {
            public bool Change(TimeSpan dueTime, TimeSpan period) => true;

            public void Dispose()
            {
            }

            public ValueTask DisposeAsync() => ValueTask.CompletedTask;
        }
    }
}
