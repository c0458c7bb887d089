using ImageRoll.Kubernetes;
using ImageRoll.OpenShift.ImageStreams;
using ImageRoll.OpenShift.Triggers;
using ImageRoll.OpenShift.TriggerStep;

namespace ImageRoll.Core.Tests.OpenShift;

public sealed class TriggerRunnerTests
{
    private const string Digest = "sha256:2222222222222222222222222222222222222222222222222222222222222222";
    private const string Value = "127.0.0.1:5000/apps/example@" + Digest;

    private static FakeKubeApi Cluster()
    {
        var api = new FakeKubeApi();
        api.Add("imagestreams", $$$"""{"metadata":{"name":"example","namespace":"default"},"spec":{"tags":[{"name":"latest"}]},"status":{"tags":[{"tag":"latest","items":[{"dockerImageReference":"{{{Value}}}","image":"{{{Digest}}}","generation":1}]}]}}""");
        return api;
    }

    private static string Dc(string triggers, bool paused = false) =>
        """{"metadata":{"name":"app","namespace":"default"},"spec":{"paused":PAUSED,"triggers":TRIGGERS,"template":{"spec":{"containers":[{"name":"web","image":" "}]}}},"status":{"latestVersion":0}}"""
            .Replace("PAUSED", paused ? "true" : "false", StringComparison.Ordinal).Replace("TRIGGERS", triggers, StringComparison.Ordinal);

    private static Task<IReadOnlyList<TriggerOutcome>> RunAsync(FakeKubeApi api, string workload, TriggerMode mode) =>
        new TriggerRunner(api).RunAsync(new TriggerOptions(StreamTagRef.Parse("example:latest"), [WorkloadRef.Parse(workload)], mode) { Grace = TimeSpan.FromMilliseconds(50) }, TestContext.Current.CancellationToken);

    [Fact]
    public async Task A_cluster_without_image_streams_is_not_OpenShift_IR3333()
    {
        var api = Cluster();
        api.Served.Remove("image.openshift.io/v1");
        var ex = await Assert.ThrowsAsync<ImageRollException>(() => RunAsync(api, "deployment/example", TriggerMode.Wait));
        Assert.Equal((TriggerCodes.WaitNotOpenShift, 2), (ex.Code, ex.ExitCode));
        Assert.Contains("--image", ex.Hint, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_stream_tag_without_an_image_resolves_to_nothing_IR3208()
    {
        var api = Cluster();
        api.Add("imagestreams", """{"metadata":{"name":"example"},"status":{"tags":[{"tag":"latest","items":null,"conditions":[{"type":"ImportSuccess","status":"False"}]}]}}""");
        var ex = await Assert.ThrowsAsync<ImageRollException>(() => RunAsync(api, "deployment/example", TriggerMode.Wait));
        Assert.Equal("IR3208", ex.Code);
    }

    [Theory]
    [InlineData("""[{"type":"ImageChange","imageChangeParams":{"automatic":true,"containerNames":["web"],"from":{"kind":"DockerImage","name":"example:latest"}}}]""", DeploymentConfigTriggerCodes.FromKindNotImageStreamTag)]
    [InlineData("""[{"type":"ImageChange","imageChangeParams":{"automatic":true,"containerNames":["api"],"from":{"kind":"ImageStreamTag","name":"example:latest"}}}]""", DeploymentConfigTriggerCodes.NoSuchContainer)]
    [InlineData("""[{"type":"ImageChange","imageChangeParams":{"automatic":true,"containerNames":[],"from":{"kind":"ImageStreamTag","name":"example:latest"}}}]""", DeploymentConfigTriggerCodes.NoContainerNames)]
    [InlineData("""[{"type":"ImageChange","imageChangeParams":{"automatic":true,"containerNames":["web"],"from":{"kind":"ImageStreamTag","name":"example"}}}]""", DeploymentConfigTriggerCodes.FromNameWithoutTag)]
    [InlineData("""[{"type":"ConfigChange"}]""", DeploymentConfigTriggerCodes.NoTriggerForTag)]
    [InlineData("""[{"type":"ImageChange","imageChangeParams":{"automatic":false,"containerNames":["web"],"from":{"kind":"ImageStreamTag","name":"example:latest"}}}]""", DeploymentConfigTriggerCodes.NoTriggerForTag)]
    public async Task Broken_DeploymentConfig_triggers_have_their_own_IR34xx_code_and_change_nothing(string triggers, string code)
    {
        var api = Cluster();
        api.Add("deploymentconfigs", Dc(triggers));
        var ex = await Assert.ThrowsAsync<ImageRollException>(() => RunAsync(api, "dc/app", TriggerMode.Wait));
        Assert.Equal((code, 2), (ex.Code, ex.ExitCode));
        Assert.Empty(api.Writes);
    }

    [Fact]
    public async Task A_paused_DeploymentConfig_is_IR3404_in_both_modes()
    {
        var api = Cluster();
        api.Add("deploymentconfigs", Dc("""[{"type":"ImageChange","imageChangeParams":{"automatic":true,"containerNames":["web"],"from":{"kind":"ImageStreamTag","name":"example:latest"}}}]""", paused: true));
        Assert.Equal(DeploymentConfigTriggerCodes.Paused, (await Assert.ThrowsAsync<ImageRollException>(() => RunAsync(api, "dc/app", TriggerMode.Wait))).Code);
        Assert.Equal(DeploymentConfigTriggerCodes.Paused, (await Assert.ThrowsAsync<ImageRollException>(() => RunAsync(api, "dc/app", TriggerMode.Patch))).Code);
        Assert.Empty(api.Writes);
    }

    [Fact]
    public async Task Patch_mode_on_an_automatic_DC_sets_lastTriggeredImage_and_the_image_without_instantiating()
    {
        var api = Cluster();
        api.Add("deploymentconfigs", Dc("""[{"type":"ImageChange","imageChangeParams":{"automatic":true,"containerNames":["web"],"from":{"kind":"ImageStreamTag","name":"example:latest"}}}]"""));
        var outcome = Assert.Single(await RunAsync(api, "dc/app", TriggerMode.Patch));
        Assert.Equal(TriggerAction.Patched, outcome.Action);
        Assert.Equal(["PUT deploymentconfigs/app"], api.Writes);
        var written = api.Objects[("deploymentconfigs", "app")];
        Assert.Contains($"\"lastTriggeredImage\":\"{Value}\"", written, StringComparison.Ordinal);
        Assert.Contains($"\"image\":\"{Value}\"", written, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("""{\"kind\":\"DockerImage\",\"name\":\"example:latest\"}""")]
    [InlineData("""{\"kind\":\"ImageStreamTag\",\"name\":\"example:latest\",\"apiVersion\":\"image.openshift.io/v1\"}""")]
    public async Task A_trigger_the_controller_does_not_index_is_refused_in_wait_mode_IR3315_and_patched_in_patch_mode(string from)
    {
        var api = Cluster();
        api.Add("deployments", """{"kind":"Deployment","metadata":{"name":"example","namespace":"default","annotations":{"image.openshift.io/triggers":"[{\"from\":FROM,\"fieldPath\":\"spec.template.spec.containers[0].image\"}]"}},"spec":{"template":{"spec":{"containers":[{"name":"web","image":"old"}]}}}}""".Replace("FROM", from, StringComparison.Ordinal));
        var ex = await Assert.ThrowsAsync<ImageRollException>(() => RunAsync(api, "deployment/example", TriggerMode.Wait));
        Assert.Equal((TriggerCodes.FromKindNotImageStreamTag, 2), (ex.Code, ex.ExitCode));
        Assert.Contains("never when the tag moves", ex.Message, StringComparison.Ordinal);
        Assert.Empty(api.Writes);

        var outcome = Assert.Single(await RunAsync(api, "deployment/example", TriggerMode.Patch));
        Assert.Equal((TriggerAction.Patched, "web"), (outcome.Action, Assert.Single(outcome.Containers)));
        var patch = Assert.Single(api.Writes);
        Assert.StartsWith("PATCH deployments/example ", patch, StringComparison.Ordinal);
        Assert.Contains($"\"{Value}\"", patch, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Wait_mode_gives_up_after_the_grace_period_naming_the_missing_controller()
    {
        var api = Cluster();
        api.Add("deployments", """{"kind":"Deployment","metadata":{"name":"example","namespace":"default","annotations":{"image.openshift.io/triggers":"[{\"from\":{\"kind\":\"ImageStreamTag\",\"name\":\"example:latest\"},\"fieldPath\":\"spec.template.spec.containers[0].image\"}]"}},"spec":{"template":{"spec":{"containers":[{"name":"web","image":"old"}]}}}}""");
        var ex = await Assert.ThrowsAsync<ImageRollException>(() => RunAsync(api, "deployment/example", TriggerMode.Wait));
        Assert.Equal((TriggerCodes.WaitNoController, 5), (ex.Code, ex.ExitCode));
    }
}
