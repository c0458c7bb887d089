using System.Diagnostics;
using ImageRoll.IntegrationTests.Build;
using ImageRoll.IntegrationTests.Infrastructure;
using ImageRoll.Tasks.Tests.EndToEnd;
using ImageRoll.Tasks.Tests.Infrastructure;
using Microsoft.Build.Execution;

namespace ImageRoll.Tasks.Tests.Targets;

/// <summary>
/// The release targets in the SDK's MSBuild, in process: the order against PublishContainer, the dry run, a publish
/// that pushed nothing, and Ctrl+C during a wait. Real registry, simulated cluster.
/// </summary>
[Collection(InProcessCollection.Name)]
public sealed class ReleaseTargetTests(ReleaseTargetFixture fixture) : IClassFixture<ReleaseTargetFixture>
{
    [Fact]
    public async Task Publish_runs_PublishContainer_first_and_releases_the_digest_it_generated()
    {
        await fixture.Cluster.ApplyAsync(PublishFixture.Deployment("order", fixture.BaseImage, stream: null));
        var tag = "order-" + Guid.NewGuid().ToString("N")[..8];

        var record = await InProcessBuild.BuildAsync(fixture.Sample.ProjectFile, fixture.Globals(("ContainerImageTag", tag), ("TestWorkloads", "deployment/order"), ("_IsPublishing", "true")), "Publish", "ImageRollRelease");

        Assert.True(record.Succeeded, record.Text);
        var events = record.TargetEvents.ToList();
        Assert.True(events.IndexOf("start:ImageRollCheckProperties") < events.IndexOf("start:CoreCompile"), "properties are checked before compiling");
        Assert.True(events.IndexOf("end:PublishContainer") < events.IndexOf("start:ImageRollRelease"), string.Join(", ", events));
        Assert.True(events.IndexOf("end:Publish") < events.IndexOf("start:ImageRollRelease"));
        var digest = await Skopeo.DigestAsync($"{TestServices.Registry}/targets/helloweb:{tag}");
        Assert.Equal(digest, record.State!.GetPropertyValue("GeneratedContainerDigest"));
        Assert.Equal($"{TestServices.Registry}/targets/helloweb@{digest}", record.State.GetPropertyValue("ImageRollDigestReference"));
        Assert.Equal("Succeeded", record.State.GetPropertyValue("ImageRollStatus"));
        var item = Assert.Single(record.State.GetItems("ImageRollReleasedWorkload"));
        Assert.Equal("deployment/order", item.EvaluatedInclude);
        Assert.Equal("Succeeded", item.GetMetadataValue("Outcome"));
        Assert.Equal("Patched", item.GetMetadataValue("TriggerAction"));
        Assert.False(string.IsNullOrEmpty(item.GetMetadataValue("Revision")));
        // Asked for after Publish, the target (already run once, after Publish) returns its items.
        var returned = Assert.Single(record.Result!.ResultsByTarget["ImageRollRelease"].Items);
        Assert.Equal("deployment/order", returned.ItemSpec);
        // Normal verbosity shows the steps; detailed adds the engine's requests.
        Assert.All(record.Messages.Where(m => m.Message?.StartsWith("ImageRoll: trigger:", StringComparison.Ordinal) == true),
            m => Assert.Equal(Microsoft.Build.Framework.MessageImportance.Normal, m.Importance));
        var requests = record.Messages.Where(m => m.Message?.StartsWith("PATCH https://", StringComparison.Ordinal) == true
            || m.Message?.StartsWith("HEAD http://", StringComparison.Ordinal) == true).ToList();
        Assert.NotEmpty(requests);
        Assert.All(requests, m => Assert.Equal(Microsoft.Build.Framework.MessageImportance.Low, m.Importance));
        // Minimal verbosity shows the image and the result, as PublishContainer shows its push.
        Assert.Contains(record.Messages, m => m.Importance == Microsoft.Build.Framework.MessageImportance.High
            && m.Message!.StartsWith("ImageRoll: released " + $"{TestServices.Registry}/targets/helloweb@{digest}", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Dry_run_pushes_nothing_changes_nothing_and_reports_the_plan()
    {
        await fixture.Cluster.ApplyAsync(PublishFixture.Deployment("dry", fixture.BaseImage, stream: null));
        // The deployment controller and the kubelet write status while the first rollout goes on, so the snapshot is
        // of what a release would change (generation, annotations, template), taken after that rollout settled.
        (await fixture.Cluster.KubectlAsync(null, "rollout", "status", "deployment/dry", "--timeout", "60s")).EnsureSuccess("kubectl rollout status");
        const string Written = "{.metadata.generation}|{.metadata.annotations}|{.spec.template}";
        var before = await fixture.Cluster.JsonPathAsync("deployment/dry", Written);
        var tag = "dry-" + Guid.NewGuid().ToString("N")[..8];

        var record = await InProcessBuild.BuildAsync(fixture.Sample.ProjectFile,
            fixture.Globals(("ContainerImageTag", tag), ("TestWorkloads", "deployment/dry"), ("ImageRollDryRun", "true")), "ImageRollRelease");

        Assert.True(record.Succeeded, record.Text);
        Assert.Contains("end:ComputeContainerConfig", record.TargetEvents);
        Assert.DoesNotContain("start:PublishContainer", record.TargetEvents);
        Assert.Equal("Planned", record.State!.GetPropertyValue("ImageRollStatus"));
        Assert.Equal("Planned", Assert.Single(record.State.GetItems("ImageRollReleasedWorkload")).GetMetadataValue("Outcome"));
        Assert.Contains(record.Messages, m => m.Message!.Contains($"{TestServices.Registry}/targets/helloweb:{tag}", StringComparison.Ordinal)
            && m.Message.StartsWith("ImageRoll: plan:", StringComparison.Ordinal));
        Assert.Equal(before, await fixture.Cluster.JsonPathAsync("deployment/dry", Written));
        var inspect = await ExternalTool.RunAsync("skopeo", ["inspect", "--tls-verify=false", $"docker://{TestServices.Registry}/targets/helloweb:{tag}"], cancellationToken: TestContext.Current.CancellationToken);
        Assert.NotEqual(0, inspect.ExitCode);
    }

    [Fact]
    public async Task Dockerfile_builder_builds_with_the_Docker_Engine_pushes_and_releases_the_digest()
    {
        var dir = Directory.CreateDirectory(Path.Combine(fixture.Sample.Directory, "docker")).FullName;
        await File.WriteAllTextAsync(Path.Combine(dir, "Dockerfile"), $"FROM {await BaseImages.BusyboxAsync()}\nCOPY hello.txt /hello.txt\nCMD [\"sh\"]\n", TestContext.Current.CancellationToken);
        await File.WriteAllTextAsync(Path.Combine(dir, "hello.txt"), Guid.NewGuid().ToString(), TestContext.Current.CancellationToken);
        await fixture.NoTriggerCluster.ApplyAsync(PublishFixture.Deployment("docker", fixture.BaseImage, stream: null));
        var image = $"{TestServices.Registry}/targets/dockerfile:{Guid.NewGuid():N}"[..^20];

        var record = await InProcessBuild.BuildAsync(fixture.Sample.ProjectFile, fixture.Globals(
            ("ImageRollBuilder", "dockerfile"), ("ImageRollImage", image), ("ImageRollDockerfile", "docker/Dockerfile"), ("ContainerRegistry", ""),
            ("TestWorkloads", "deployment/docker"), ("ImageRollKubeconfig", fixture.NoTriggerCluster.Kubeconfig)), "ImageRollRelease");

        Assert.True(record.Succeeded, record.Text);
        Assert.DoesNotContain("start:PublishContainer", record.TargetEvents);
        var digest = await Skopeo.DigestAsync(image);
        Assert.Equal($"{image[..image.LastIndexOf(':')]}@{digest}", record.State!.GetPropertyValue("ImageRollDigestReference"));
        Assert.Equal(record.State.GetPropertyValue("ImageRollDigestReference"), await fixture.NoTriggerCluster.JsonPathAsync("deployment/docker", "{.spec.template.spec.containers[0].image}"));
    }

    [Fact]
    public async Task A_publish_that_pushed_no_image_is_IR5018_not_a_release_of_an_older_tag()
    {
        var record = await InProcessBuild.BuildAsync(fixture.Sample.ProjectFile,
            fixture.Globals(("TestWorkloads", "deployment/none"), ("EnableSdkContainerSupport", "false")), "ImageRollRelease");

        Assert.False(record.Succeeded);
        Assert.Equal("IR5018", Assert.Single(record.Errors).Code);
        Assert.DoesNotContain(record.Messages, m => m.Message?.StartsWith("ImageRoll: plan", StringComparison.Ordinal) == true);
    }

    [Fact]
    public async Task The_single_step_tasks_resolve_tag_patch_and_wait_in_a_pipeline_of_their_own()
    {
        await fixture.NoTriggerCluster.ApplyAsync(PublishFixture.ImageStream("steps"));
        await fixture.NoTriggerCluster.ApplyAsync(PublishFixture.Deployment("steps", fixture.BaseImage, "steps"));

        var record = await InProcessBuild.BuildAsync(fixture.Sample.ProjectFile, InProcessBuild.Globals(
            ("StepImage", fixture.BaseImage), ("ImageRollImageStream", "steps:latest"), ("TestWorkloads", "deployment/steps"),
            ("ImageRollKubeconfig", fixture.NoTriggerCluster.Kubeconfig), ("ImageRollInsecureRegistries", TestServices.Registry)), "StepPipeline");

        Assert.True(record.Succeeded, record.Text);
        var digest = await Skopeo.DigestAsync(fixture.BaseImage);
        Assert.Equal($"{fixture.BaseImage[..fixture.BaseImage.LastIndexOf(':')]}@{digest}", record.State!.GetPropertyValue("StepDigestReference"));
        Assert.Equal("default/steps:latest", record.State.GetPropertyValue("StepStreamTag"));
        var pullSpec = record.State.GetPropertyValue("StepPullSpec");
        Assert.EndsWith("@" + digest, pullSpec, StringComparison.Ordinal);
        var triggered = Assert.Single(record.State.GetItems("StepTriggered"));
        Assert.Equal("Patched", triggered.GetMetadataValue("Action"));
        Assert.Equal(pullSpec, await fixture.NoTriggerCluster.JsonPathAsync("deployment/steps", "{.spec.template.spec.containers[0].image}"));
        Assert.Equal("Succeeded", Assert.Single(record.State.GetItems("StepRolledOut")).GetMetadataValue("Outcome"));
    }

    [Fact]
    public async Task ImageRollWait_fails_a_rollout_that_cannot_pull_with_IR4xxx_evidence()
    {
        await fixture.NoTriggerCluster.ApplyAsync(PublishFixture.Deployment("steps-fail", $"{TestServices.Registry}/targets/does-not-exist:1", stream: null));

        var record = await InProcessBuild.BuildAsync(fixture.Sample.ProjectFile, InProcessBuild.Globals(
            ("TestWorkloads", "deployment/steps-fail"), ("ImageRollKubeconfig", fixture.NoTriggerCluster.Kubeconfig)), "WaitOnly");

        var error = Assert.Single(record.Errors);
        Assert.StartsWith("IR4", error.Code, StringComparison.Ordinal);
        Assert.Contains("steps-fail", error.Message, StringComparison.Ordinal);
        Assert.Matches("ErrImagePull|ImagePullBackOff", error.Message);
    }

    [Fact]
    public async Task Registry_cluster_publishes_an_archive_that_ImageRoll_pushes_with_only_the_kubeconfig_token_and_the_trigger_rolls_it_out()
    {
        // No docker login and no DOTNET_CONTAINER_* credentials: the integrated registry accepts only the cluster's
        // tokens, and the only one this build has is in the kubeconfig.
        Assert.All(new[] { "DOTNET_CONTAINER_PUSH_REGISTRY_PWORD", "DOTNET_CONTAINER_REGISTRY_PWORD", "IMAGEROLL_REGISTRY_PASSWORD" },
            v => Assert.Null(Environment.GetEnvironmentVariable(v)));
        var c = fixture.RegistryCluster;
        await c.ApplyAsync(PublishFixture.ImageStream("pushed"));
        await c.ApplyAsync(PublishFixture.Deployment("pushed", fixture.BaseImage, "pushed"));
        var binlog = Path.Combine(fixture.Sample.Directory, $"cluster-{Guid.NewGuid():N}.binlog");

        var record = await InProcessBuild.BuildWithBinlogAsync(binlog, fixture.Sample.ProjectFile, fixture.Globals(
            ("ImageRollRegistry", "cluster"), ("ContainerRegistry", ""), ("ImageRollImageStream", "pushed:latest"), ("ImageRollKubeconfig", c.Kubeconfig),
            ("ImageRollInsecureRegistries", "127.0.0.1"), ("_IsPublishing", "true")), "Publish", "ImageRollRelease");

        Assert.True(record.Succeeded, record.Text);
        var events = record.TargetEvents.ToList();
        Assert.True(events.IndexOf("end:PublishContainer") < events.IndexOf("start:ImageRollRelease"), string.Join(", ", events));
        // The SDK wrote the image to obj/ and pushed nothing; ImageRoll pushed that archive.
        var archive = record.State!.GetPropertyValue("GeneratedArchiveOutputPath");
        Assert.Equal(Path.Combine(fixture.Sample.Directory, "obj", "imageroll", "Release", "container.tar"), archive);
        Assert.True(File.Exists(archive), archive);
        var registry = c.Cluster.IntegratedRegistry!;
        var digest = await Skopeo.DigestAsync($"{TestServices.Registry}/{registry.Prefix}/default/pushed:latest");
        Assert.Equal($"{registry.Host}/default/pushed@{digest}", record.State.GetPropertyValue("ImageRollDigestReference"));
        var pullSpec = $"{registry.InternalHostname}/default/pushed@{digest}";
        Assert.Equal(pullSpec, record.State.GetPropertyValue("ImageRollPullSpec"));
        Assert.Equal("default/pushed:latest", record.State.GetPropertyValue("ImageRollStreamTag"));
        Assert.Equal("Succeeded", record.State.GetPropertyValue("ImageRollStatus"));
        var item = Assert.Single(record.State.GetItems("ImageRollReleasedWorkload"));
        Assert.Equal(("deployment/pushed", "Succeeded", "ControllerUpdated"), (item.EvaluatedInclude, item.GetMetadataValue("Outcome"), item.GetMetadataValue("TriggerAction")));
        // The trigger controller rolled out the internal pull spec, which the nodes pulled through the registry.
        Assert.Equal(pullSpec, await c.JsonPathAsync("deployment/pushed", "{.spec.template.spec.containers[0].image}"));
        Assert.Contains(registry.Requests, l => l.StartsWith("PUT /v2/default/pushed/manifests/latest 201 system:admin", StringComparison.Ordinal));
        Assert.Contains(registry.Requests, l => l.StartsWith($"GET /v2/default/pushed/manifests/{digest} 200", StringComparison.Ordinal));
        // No tag step: the push itself set the stream.
        Assert.DoesNotContain(c.Cluster.Requests.ResourceRequests, r => r.Path.Contains("/imagestreamtags", StringComparison.Ordinal) || r.Path.Contains("/imagestreamimports", StringComparison.Ordinal));

        var token = c.Token;
        Assert.True(token.Length >= 16, "the simulator's kubeconfig holds a bearer token");
        Assert.DoesNotContain(token, record.Text, StringComparison.Ordinal);
        Assert.DoesNotContain(record.Messages, m => m.Message?.Contains(token, StringComparison.Ordinal) == true);
        var raw = PublishReleaseTests.DecompressedBinlog(binlog);
        Assert.Contains("ImageRoll: released", raw, StringComparison.Ordinal);
        Assert.DoesNotContain(token, raw, StringComparison.Ordinal);
        Assert.DoesNotContain(Convert.ToBase64String(System.Text.Encoding.UTF8.GetBytes(token)), raw, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Registry_cluster_dry_run_names_the_integrated_registry_and_pushes_nothing()
    {
        var c = fixture.RegistryCluster;
        await c.ApplyAsync(PublishFixture.ImageStream("planned"));
        await c.ApplyAsync(PublishFixture.Deployment("planned", fixture.BaseImage, "planned"));

        var record = await InProcessBuild.BuildAsync(fixture.Sample.ProjectFile, fixture.Globals(
            ("ImageRollRegistry", "cluster"), ("ContainerRegistry", ""), ("ImageRollImageStream", "planned:latest"), ("ImageRollKubeconfig", c.Kubeconfig),
            ("ImageRollInsecureRegistries", "127.0.0.1"), ("ImageRollDryRun", "true")), "ImageRollRelease");

        Assert.True(record.Succeeded, record.Text);
        Assert.DoesNotContain("start:PublishContainer", record.TargetEvents);
        Assert.Equal("Planned", record.State!.GetPropertyValue("ImageRollStatus"));
        var registry = c.Cluster.IntegratedRegistry!;
        Assert.Contains(record.Messages, m => m.Message!.StartsWith("ImageRoll: plan:", StringComparison.Ordinal)
            && m.Message.Contains($"{registry.Host}/default/planned:latest", StringComparison.Ordinal));
        Assert.Contains(record.Messages, m => m.Message!.StartsWith("ImageRoll:   check integrated registry: ok", StringComparison.Ordinal));
        Assert.DoesNotContain(registry.Requests, l => l.Contains("/v2/default/planned/", StringComparison.Ordinal) && !l.StartsWith("GET", StringComparison.Ordinal) && !l.StartsWith("HEAD", StringComparison.Ordinal));
        Assert.Null(c.Cluster.Store.Get(ClusterSimulator.Store.ResourceTypes.ImageStreams, "default", "planned")!["status"]?["tags"]);
    }

    [Fact]
    public async Task Cancelling_the_build_during_a_wait_ends_the_release_within_two_seconds()
    {
        // The cluster without the image-trigger controller: a wait for the trigger never ends by itself.
        await fixture.NoTriggerCluster.ApplyAsync(PublishFixture.ImageStream("hang"));
        await fixture.NoTriggerCluster.ApplyAsync(PublishFixture.Deployment("hang", fixture.BaseImage, "hang"));
        var record = new BuildRecord();
        var waiting = record.WhenLogged("ImageRoll: trigger:");

        var build = InProcessBuild.BuildAsync(record, fixture.Sample.ProjectFile, fixture.Globals(
            ("ImageRollBuilder", "existing"), ("ImageRollImage", fixture.BaseImage), ("ContainerRegistry", ""), ("ImageRollImageStream", "hang:latest"),
            ("ImageRollTrigger", "wait"), ("ImageRollKubeconfig", fixture.NoTriggerCluster.Kubeconfig)), "ImageRollRelease");
        await waiting.WaitAsync(TimeSpan.FromSeconds(60), TestContext.Current.CancellationToken);
        var watch = Stopwatch.StartNew();
        BuildManager.DefaultBuildManager.CancelAllSubmissions();
        await build;

        Assert.True(watch.Elapsed < TimeSpan.FromSeconds(2), $"the build returned {watch.Elapsed.TotalSeconds:0.0}s after Ctrl+C");
        Assert.False(record.Succeeded);
        Assert.DoesNotContain(record.Messages, m => m.Message?.Contains("ImageRoll: released", StringComparison.Ordinal) == true);
    }
}
