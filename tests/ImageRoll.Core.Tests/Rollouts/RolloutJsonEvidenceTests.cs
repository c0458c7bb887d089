using System.Text.Json.Nodes;
using ImageRoll.Cli;
using ImageRoll.Cli.Commands;
using ImageRoll.Cli.Console;
using ImageRoll.Core.Tests.Rollouts.Fakes;
using ImageRoll.Kubernetes;
using ImageRoll.Rollouts;

namespace ImageRoll.Core.Tests.Rollouts;

/// <summary>
/// A failed rollout's evidence reaches a CI consumer as data: the engine throws a <see cref="RolloutFailedException"/>
/// carrying the follower's results, and the CLI renders them (the <c>imageroll status</c> workload shape) in the one
/// JSON document on stdout; in text mode the evidence lines go to stderr. The results come from the real follower
/// against the in-memory API with a new pod stuck in ImagePullBackOff.
/// </summary>
public sealed class RolloutJsonEvidenceTests
{
    private const string Pod = "web-6d4cf56db6-x7k2p";
    private const string PullMessage = "Back-off pulling image \"registry.example.com/shop/web@sha256:2222\"";
    private readonly FakeKubeApi _api = new();
    private readonly ManualTimeProvider _clock = new();
    private readonly ProgressLog _progress = new();

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Engine_throws_a_RolloutFailedException_that_carries_every_result_with_its_evidence()
    {
        var results = await FailedPullAsync();

        var ex = Assert.Throws<RolloutFailedException>(() => RolloutFailures.ThrowIfNotSucceeded(results));

        Assert.Equal(("IR4002", 4), (ex.Code, ex.ExitCode));
        var r = Assert.Single(ex.Results);
        Assert.Equal((Pod, "ImagePullBackOff"), (r.Evidence!.Pod, r.Evidence.Reason));
    }

    [Fact]
    public async Task Rollout_output_json_is_one_document_with_the_evidence_and_the_rollback_as_data()
    {
        var results = await FailedPullAsync();
        var rollback = new RollbackResult(true, "rolled back to web-57586646f7 by ImageRoll: deployment \"web\" successfully rolled out", "web-57586646f7",
            ["web=registry.example.com/shop/web@sha256:1111"], "shop/web:latest -> registry.example.com/shop/web@sha256:1111", RolloutOutcome.Succeeded, "deployment \"web\" successfully rolled out");
        var failure = Failure(results).With([results[0] with { Rollback = rollback }], "deployment/web rollout failed (rolled back)");
        var (ctx, stdout, stderr) = Context("rollout", "deployment/web", "--from", "web:latest", "--output", "json");
        var triggered = new JsonArray(new JsonObject { ["workload"] = "deployment/web", ["action"] = "Patched" });

        int code;
        using (ctx)
        {
            code = RolloutReport.WriteFailure(ctx, failure, triggered);
        }

        Assert.Equal(4, code);
        var doc = JsonNode.Parse(stdout.ToString())!;
        Assert.Equal(("failed", 4, "IR4002"), ((string?)doc["status"], (int)doc["exitCode"]!, (string?)doc["error"]!["code"]));
        Assert.Equal("deployment/web", (string?)doc["workloads"]![0]!["workload"]);
        var w = doc["rollout"]!["workloads"]![0]!;
        Assert.Equal(("deployment/web", "failed", "ImagePullBackOff"), ((string?)w["workload"], (string?)w["outcome"], (string?)w["reason"]));
        AssertPullEvidence(w["evidence"]!);
        Assert.Equal((true, "web-57586646f7", "succeeded"), ((bool)w["rollback"]!["performed"]!, (string?)w["rollback"]!["toRevision"], (string?)w["rollback"]!["outcome"]));
        Assert.Contains("error IR4002: deployment/web rollout failed (rolled back)", stderr.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Rollout_text_mode_prints_the_error_and_evidence_lines_on_stderr_and_nothing_on_stdout()
    {
        var failure = Failure(await FailedPullAsync());
        var (ctx, stdout, stderr) = Context("rollout", "deployment/web", "--from", "web:latest");

        using (ctx)
        {
            Assert.Equal(4, RolloutReport.WriteFailure(ctx, failure, []));
        }

        Assert.Equal(string.Empty, stdout.ToString());
        var lines = stderr.ToString().Split(Environment.NewLine);
        Assert.StartsWith($"error IR4002: deployment/web rollout failed: pod {Pod} container web has been ImagePullBackOff", lines[0], StringComparison.Ordinal);
        Assert.StartsWith($"  hint: pod {Pod} container web: ImagePullBackOff ({PullMessage}", lines[1], StringComparison.Ordinal);
        Assert.Contains(lines, l => l.StartsWith($"    event Warning Failed on pod/{Pod} (x3): Failed to pull image", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Status_output_json_includes_the_evidence_of_a_failed_workload()
    {
        var results = await FailedPullAsync();
        var (ctx, stdout, _) = Context("status", "deployment/web", "--watch", "--output", "json");

        int code;
        using (ctx)
        {
            code = RolloutReport.Write(ctx, results);
        }

        Assert.Equal(4, code);
        var doc = JsonNode.Parse(stdout.ToString())!;
        Assert.Equal(("failed", 4, "IR4002"), ((string?)doc["status"], (int)doc["exitCode"]!, (string?)doc["error"]!["code"]));
        AssertPullEvidence(doc["workloads"]![0]!["evidence"]!);
    }

    private static void AssertPullEvidence(JsonNode e)
    {
        Assert.Equal((Pod, "web", "ImagePullBackOff", 0, "web-6d4cf56db6"),
            ((string?)e["pod"], (string?)e["container"], (string?)e["reason"], (int)e["restartCount"]!, (string?)e["revision"]));
        Assert.StartsWith(PullMessage, (string?)e["message"], StringComparison.Ordinal);
        Assert.Equal(60, (double)e["stuckForSeconds"]!);
        var events = e["events"]!.AsArray();
        Assert.Contains(events, ev => (string?)ev!["reason"] == "Failed" && (string?)ev["type"] == "Warning" && (int)ev["count"]! == 3
            && ((string?)ev["message"])!.StartsWith("Failed to pull image", StringComparison.Ordinal) && (string?)ev["object"] == $"pod/{Pod}");
        Assert.Contains(events, ev => (string?)ev!["reason"] == "BackOff");
    }

    private static RolloutFailedException Failure(IReadOnlyList<RolloutResult> results) =>
        Assert.Throws<RolloutFailedException>(() => RolloutFailures.ThrowIfNotSucceeded(results));

    private static (CommandContext Ctx, StringWriter Out, StringWriter Err) Context(params string[] args)
    {
        var stdout = new StringWriter();
        var stderr = new StringWriter();
        var io = new CliIO(stdout, stderr, _ => null, ErrorIsTerminal: false);
        return (new CommandContext(CliApp.BuildRoot(io).Parse(args), io), stdout, stderr);
    }

    /// <summary>The follower on a Deployment whose new pod stays in ImagePullBackOff for the default grace period.</summary>
    private async Task<IReadOnlyList<RolloutResult>> FailedPullAsync()
    {
        _api.Apply(ResourceKind.Deployments, Shapes.Deployment("web", updated: 1, available: 3, total: 4));
        _api.Apply(ResourceKind.ReplicaSets, Shapes.ReplicaSet("web", "57586646f7", 3));
        _api.Apply(ResourceKind.ReplicaSets, Shapes.ReplicaSet("web", "6d4cf56db6", 4));
        _api.Apply(ResourceKind.Events, Shapes.Event(Pod, "Warning", "Failed", "Failed to pull image \"x\": not found", 3, "2026-11-22T02:59:31Z"));
        _api.Apply(ResourceKind.Events, Shapes.Event(Pod, "Normal", "BackOff", "Back-off pulling image \"x\"", 4, "2026-11-22T02:59:20Z"));
        _api.Apply(ResourceKind.Pods, Shapes.Pod(Pod, "ReplicaSet", "web-6d4cf56db6", Shapes.Waiting("ImagePullBackOff", PullMessage), """{"app":"web","pod-template-hash":"6d4cf56db6"}"""));
        var follow = new RolloutFollower(_api, _clock).FollowAsync([WorkloadRef.Parse("deployment/web")], new RolloutFollowOptions(), _progress, Ct);
        await _progress.WaitForAsync(p => p.Reason == "ImagePullBackOff");
        _clock.Advance(TimeSpan.FromSeconds(60));
        return await follow;
    }
}
