using ImageRoll.ClusterSimulator.Store;
using ImageRoll.Images;
using ImageRoll.IntegrationTests.Infrastructure;
using ImageRoll.IntegrationTests.OpenShift;
using ImageRoll.IntegrationTests.Registry;
using ImageRoll.Kubernetes;
using ImageRoll.Registry.Credentials;
using ImageRoll.Release;
using ImageRoll.Rollouts;

namespace ImageRoll.IntegrationTests.Release;

/// <summary>
/// A release whose rollout fails and is rolled back, on plain Kubernetes (no stream tag): the image goes to the
/// registry that needs credentials and TLS, which ImageRoll has and the cluster's kubelet does not, so the new pods
/// cannot pull it; early diagnosis fails the rollout, the rollback returns the Deployment to its previous ReplicaSet.
/// </summary>
public sealed class ReleaseRollbackTests
{
    [Fact]
    public async Task Failed_rollout_is_rolled_back_within_the_one_deadline_and_the_result_keeps_the_evidence()
    {
        await using var h = await ReleaseHarness.StartAsync(new AuthRegistryCredentials());
        Workloads.Put(h.Sim, ResourceTypes.Deployments, Workloads.Deployment(triggers: null));
        var good = await TestImages.PushAsync(TestServices.Registry, $"apps/rb-{Guid.NewGuid():N}", cancellationToken: TestContext.Current.CancellationToken);
        var first = await h.ReleaseAsync(new ReleaseOptions
        {
            Image = ImageReference.Parse(good),
            Workloads = [WorkloadRef.Parse("deployment/example")],
            Namespace = "default",
            Timeout = TimeSpan.FromSeconds(60),
        });
        Assert.True(first.Result.Status == ReleaseStatus.Succeeded, ReleaseJson.Serialize(first.Result));

        var layout = Directory.CreateTempSubdirectory("imageroll-rb-").FullName;
        var writer = new OciLayoutWriter(layout);
        writer.WriteLayoutIndex(writer.WriteSmallImage(seed: Random.Shared.Next()));
        var (result, observer) = await h.ReleaseAsync(new ReleaseOptions
        {
            Image = ImageReference.Parse($"{TestServices.AuthRegistry}/apps/rb-{Guid.NewGuid():N}:v2"),
            Source = new ArchiveSource(layout),
            Workloads = [WorkloadRef.Parse("deployment/example")],
            Namespace = "default",
            GracePeriod = TimeSpan.FromSeconds(3),
            RollbackOnFailure = true,
            Timeout = TimeSpan.FromSeconds(90),
        });

        Assert.True(result.Status == ReleaseStatus.RolloutFailed, ReleaseJson.Serialize(result));
        Assert.Equal((4, "IR4002", ReleaseStep.Rollout), (result.ExitCode, result.Error!.Code, result.Error.Step));
        Assert.Contains("rolled back", result.Error.Message, StringComparison.Ordinal);
        var w = Assert.Single(result.Workloads);
        Assert.Equal(WorkloadOutcome.Failed, w.Outcome);
        Assert.Contains(w.Evidence!.Reason, new[] { "ImagePullBackOff", "ErrImagePull" });
        Assert.StartsWith("example-", w.Evidence.Pod, StringComparison.Ordinal);
        Assert.Equal("3", w.Revision); // 1: the manifest, 2: the first release, 3: the failed one
        Assert.Equal((true, RolloutOutcome.Succeeded), (w.Rollback!.Performed, w.Rollback.Outcome));
        Assert.Contains(w.Rollback.RestoredImages, i => i == $"web={good}");
        Assert.Equal(good, Workloads.Image(h.Sim.Get(ResourceTypes.Deployments, "example")));
        Assert.Equal([ReleaseStep.Plan, ReleaseStep.Image, ReleaseStep.Trigger, ReleaseStep.Rollout, ReleaseStep.Rollback], result.Steps.Select(s => s.Step));
        Assert.Equal([false, true], result.Steps.Skip(3).Select(s => s.Succeeded)); // the rollout failed, its rollback worked
        var calls = observer.Ordered;
        Assert.True(calls.IndexOf("RolloutFinished deployment/example Failed") < calls.IndexOf("RollbackStarted deployment/example"), string.Join(", ", calls));
        Assert.Contains("RollbackFinished deployment/example True", calls);
        Assert.True(result.Elapsed < TimeSpan.FromSeconds(90));
    }

    /// <summary>The auth registry's test credentials, for that registry only.</summary>
    private sealed class AuthRegistryCredentials : IRegistryCredentialProvider
    {
        public ValueTask<RegistryCredential?> GetAsync(string registryHost, CancellationToken cancellationToken) =>
            ValueTask.FromResult(registryHost == TestServices.AuthRegistry ? new RegistryCredential(TestServices.AuthUser, TestServices.AuthPassword, null) : null);
    }
}
