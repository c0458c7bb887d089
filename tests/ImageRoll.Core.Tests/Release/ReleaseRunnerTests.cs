using ImageRoll.Core.Tests.Images;
using ImageRoll.Images;
using ImageRoll.Kubernetes;
using ImageRoll.OpenShift.TriggerStep;
using ImageRoll.Release;
using ImageRoll.Rollouts;

namespace ImageRoll.Core.Tests.Release;

/// <summary>The release engine's order, plan gate and observer contract over an in-memory cluster and registry.</summary>
public sealed class ReleaseRunnerTests : IDisposable
{
    private readonly ReleaseScenario _s = new();

    public void Dispose() => _s.Dispose();

    [Fact]
    public async Task Release_runs_plan_image_tag_trigger_rollout_in_order_and_the_observer_hears_each_step()
    {
        var result = await _s.RunAsync(_s.Options());

        Assert.True(result.Status == ReleaseStatus.Succeeded, ReleaseJson.Serialize(result));
        Assert.Equal(
            [
                "StepStarted Plan", "StepFinished Plan True", "PlanReady True",
                "StepStarted Image", "StepFinished Image True", "ImageReady",
                "StepStarted Tag", "Tagged", "StepFinished Tag True",
                "StepStarted Trigger", "Triggered deployment/web Patched", "StepFinished Trigger True",
                "StepStarted Rollout", "RolloutFinished deployment/web Succeeded", "StepFinished Rollout True",
                "Completed Succeeded",
            ],
            _s.Observer.Ordered);
        Assert.Equal(["PUT imagestreamtags/web:latest", "PATCH deployments/web"], _s.Kube.Writes);
        Assert.Equal((_s.PushedDigestReference, _s.PushedDigestReference, "shop/web:latest"), (result.DigestReference, result.PullSpec, result.StreamTag));
        var w = Assert.Single(result.Workloads);
        Assert.Equal(("Deployment", "web", "shop", WorkloadOutcome.Succeeded, "4"), (w.Kind, w.Name, w.Namespace, w.Outcome, w.Revision));
        Assert.Empty(_s.RegistryWrites);
    }

    [Fact]
    public async Task A_malformed_trigger_stops_the_release_in_the_plan_before_anything_is_pushed_or_written()
    {
        var dir = Directory.CreateTempSubdirectory("imageroll-release-").FullName;
        var image = ArchiveFixtures.BuildImage(seed: 7);
        ArchiveFixtures.WriteLayout(dir, image.All, image.Manifest.Descriptor());
        _s.Kube.Inner.Apply(ResourceKind.Deployments, Rollouts.Fakes.Shapes.Deployment("web", updated: 3, available: 3,
            extra: """{"metadata":{"annotations":{"image.openshift.io/triggers":"[{\"from\":{\"kind\":\"ImageStreamTag\",\"name\":\"web:latest\"},\"fieldPath\":\"spec.template.spec.containers[?(@.name==\\\"api\\\")].image\"}]"}}}"""));

        var result = await _s.RunAsync(_s.Options() with { Source = new ArchiveSource(dir) });

        Assert.Equal((ReleaseStatus.BadInput, 2, "IR3312", ReleaseStep.Plan), (result.Status, result.ExitCode, result.Error!.Code, result.Error.Step));
        Assert.Contains("'api'", result.Error.Message, StringComparison.Ordinal);
        Assert.NotNull(result.Error.Hint);
        Assert.Empty(_s.Kube.Writes);
        Assert.Empty(_s.RegistryWrites);
        Assert.Equal(["StepStarted Plan", "StepFinished Plan False", "PlanReady False", "Completed BadInput"], _s.Observer.Ordered);
        var failed = Assert.Single(result.Plan!.Checks, c => !c.Passed);
        Assert.Equal(("deployment/web", "IR3312"), (failed.Name, failed.Code));
        Assert.Equal($"{ReleaseScenario.RegistryHost}/{ReleaseScenario.Repository}@{image.Manifest.Digest}", result.Plan.DigestReference);
    }

    [Fact]
    public async Task A_denied_permission_fails_the_plan_with_IR3380_and_exit_3_naming_the_request()
    {
        _s.Kube.Denied.Add("patch deployments");

        var result = await _s.RunAsync(_s.Options());

        Assert.Equal((ReleaseStatus.Failed, 3, "IR3380"), (result.Status, result.ExitCode, result.Error!.Code));
        Assert.Contains("patch deployments.apps in namespace shop", result.Error.Message, StringComparison.Ordinal);
        Assert.Contains("kubectl auth can-i patch deployments.apps -n shop", result.Error.Hint, StringComparison.Ordinal);
        Assert.Empty(_s.Kube.Writes);
        Assert.Contains("update imagestreamtags", _s.Kube.Reviews);
        Assert.Contains("list pods", _s.Kube.Reviews);
    }

    [Fact]
    public async Task The_permission_reviews_go_four_at_a_time_and_the_denials_are_listed_in_the_plans_order()
    {
        _s.Kube.Denied.Add("list pods");
        _s.Kube.Denied.Add("patch deployments");
        _s.Kube.HoldReviews = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);

        var run = _s.RunAsync(_s.Options() with { DryRun = true });
        await _s.Kube.ReviewsInFlightReach(4).WaitAsync(TimeSpan.FromSeconds(30), TestContext.Current.CancellationToken);
        _s.Kube.HoldReviews.SetResult();
        var result = await run;

        Assert.Equal(4, _s.Kube.MaxReviewsInFlight);
        Assert.True(_s.Kube.Reviews.Count > 8, $"only {_s.Kube.Reviews.Count} reviews");
        Assert.Equal((ReleaseStatus.Failed, "IR3380"), (result.Status, result.Error!.Code));
        var denied = result.Plan!.Checks.Where(c => !c.Passed).Select(c => c.Name).ToList();
        Assert.Equal(["permission to patch deployment/web", "permission to diagnose the pods of deployment/web"], denied);
    }

    [Fact]
    public async Task Tagging_needs_any_one_of_the_three_requests_oc_tag_may_use()
    {
        _s.Kube.Denied.Add("update imagestreamtags");
        _s.Kube.Denied.Add("create imagestreamtags");

        var result = await _s.RunAsync(_s.Options() with { DryRun = true });

        Assert.True(result.Status == ReleaseStatus.Planned, ReleaseJson.Serialize(result));
        Assert.Contains("update imagestreams", _s.Kube.Reviews);
    }

    [Fact]
    public async Task Dry_run_reports_the_plan_and_changes_nothing()
    {
        var result = await _s.RunAsync(_s.Options() with { DryRun = true, RollbackOnFailure = true });

        Assert.Equal((ReleaseStatus.Planned, 0, true), (result.Status, result.ExitCode, result.DryRun));
        Assert.Empty(_s.Kube.Writes);
        Assert.Equal(["StepStarted Plan", "StepFinished Plan True", "PlanReady True", "Completed Planned"], _s.Observer.Ordered);
        var planned = Assert.Single(result.Plan!.Workloads);
        Assert.Equal(("deployment/web", "patch web", Rollouts.Fakes.Shapes.NewImage), (planned.Workload.ToString(), planned.Action, planned.CurrentImage));
        Assert.Equal(_s.PushedDigestReference, result.DigestReference);
        Assert.Equal(WorkloadOutcome.Planned, Assert.Single(result.Workloads).Outcome);
    }

    [Fact]
    public async Task Plain_Kubernetes_without_workloads_is_bad_input_and_with_one_sets_the_digest_on_its_container()
    {
        var bad = await _s.RunAsync(_s.Options() with { StreamTag = null });
        Assert.Equal((ReleaseStatus.BadInput, "IR2251"), (bad.Status, bad.Error!.Code));

        var result = await _s.RunAsync(_s.Options() with { StreamTag = null, Workloads = [WorkloadRef.Parse("deployment/web")] });

        Assert.True(result.Status == ReleaseStatus.Succeeded, ReleaseJson.Serialize(result));
        Assert.Equal(["PATCH deployments/web"], _s.Kube.Writes);
        Assert.Equal(_s.PushedDigestReference, result.PullSpec);
        Assert.Equal(TriggerAction.Patched, Assert.Single(result.Workloads).Trigger);
    }

    [Fact]
    public async Task A_pushing_source_refuses_a_digest_target_and_a_bad_timeout_before_any_request()
    {
        var digest = await _s.RunAsync(_s.Options() with { Image = ImageReference.Parse(ReleaseScenario.DigestReference), Source = new ArchiveSource("x") });
        var timeout = await _s.RunAsync(_s.Options() with { Timeout = TimeSpan.Zero });

        Assert.Equal(("IR2253", 2), (digest.Error!.Code, digest.ExitCode));
        Assert.Equal(("IR2250", 2), (timeout.Error!.Code, timeout.ExitCode));
        Assert.Empty(_s.Registry.Requests);
        Assert.Empty(_s.Kube.Inner.Requests);
    }

    [Fact]
    public async Task Result_document_round_trips_with_camelCase_string_enums_and_durations_in_seconds()
    {
        var result = await _s.RunAsync(_s.Options());
        var json = ReleaseJson.Serialize(result);

        Assert.Contains("\"status\": \"succeeded\"", json, StringComparison.Ordinal);
        Assert.Contains("\"trigger\": \"patched\"", json, StringComparison.Ordinal);
        Assert.Contains("\"step\": \"rollout\"", json, StringComparison.Ordinal);
        Assert.Contains("\"exitCode\": 0", json, StringComparison.Ordinal);
        Assert.Contains($"\"digestReference\": \"{_s.PushedDigestReference}\"", json, StringComparison.Ordinal);
        Assert.Contains("\"workload\": \"deployment/web\"", json, StringComparison.Ordinal);
        var back = ReleaseJson.Deserialize(json);
        Assert.Equal(result.Status, back.Status);
        Assert.Equal(result.Workloads[0] with { Containers = [] }, back.Workloads[0] with { Containers = [] });
        Assert.Equal(result.Steps.Select(x => (x.Step, x.Succeeded, x.Summary)), back.Steps.Select(x => (x.Step, x.Succeeded, x.Summary)));
        Assert.Equal(ReleaseJson.Serialize(back), json);
    }
}
