using ImageRoll.ClusterSimulator.Store;
using ImageRoll.IntegrationTests.Infrastructure;

namespace ImageRoll.IntegrationTests.OpenShift;

/// <summary>
/// Each real-world trigger breakage gets its own IR33xx code and message, exit code 2, and nothing in the cluster
/// changes (the Deployment's resourceVersion stays), in patch mode (which would otherwise write) and in wait mode.
/// </summary>
public sealed class MalformedTriggerTests
{
    private const string Web = "spec.template.spec.containers[?(@.name==\\\"web\\\")].image";

    public static TheoryData<string, string, string> Cases => new()
    {
        { "invalid JSON", "[{\"from\":{\"kind\":\"ImageStreamTag\",\"name\":\"example:latest\"},\"fieldPath\":\"" + Web + "\"}", "IR3301" },
        { "paused as a string", "[{\"from\":{\"kind\":\"ImageStreamTag\",\"name\":\"example:latest\"},\"fieldPath\":\"" + Web + "\",\"paused\":\"false\"}]", "IR3303" },
        { "pause for paused", "[{\"from\":{\"kind\":\"ImageStreamTag\",\"name\":\"example:latest\"},\"fieldPath\":\"" + Web + "\",\"pause\":false}]", "IR3305" },
        { "single quotes", "[{\"from\":{\"kind\":\"ImageStreamTag\",\"name\":\"example:latest\"},\"fieldPath\":\"spec.template.spec.containers[?(@.name=='web')].image\"}]", "IR3307" },
        { "spaces", "[{\"from\":{\"kind\":\"ImageStreamTag\",\"name\":\"example:latest\"},\"fieldPath\":\"spec.template.spec.containers[?(@.name == \\\"web\\\")].image\"}]", "IR3308" },
        { "duplicate fieldPath", "[{\"from\":{\"kind\":\"ImageStreamTag\",\"name\":\"example:latest\"},\"fieldPath\":\"" + Web + "\"},{\"from\":{\"kind\":\"ImageStreamTag\",\"name\":\"example:v2\"},\"fieldPath\":\"" + Web + "\"}]", "IR3310" },
        { "another kind's path", "[{\"from\":{\"kind\":\"ImageStreamTag\",\"name\":\"example:latest\"},\"fieldPath\":\"spec.jobTemplate.spec.template.spec.containers[0].image\"}]", "IR3311" },
        { "missing container", "[{\"from\":{\"kind\":\"ImageStreamTag\",\"name\":\"example:latest\"},\"fieldPath\":\"spec.template.spec.containers[?(@.name==\\\"api\\\")].image\"}]", "IR3312" },
        { "index out of range", "[{\"from\":{\"kind\":\"ImageStreamTag\",\"name\":\"example:latest\"},\"fieldPath\":\"spec.template.spec.containers[2].image\"}]", "IR3313" },
        { "stream missing in another namespace", "[{\"from\":{\"kind\":\"ImageStreamTag\",\"name\":\"example:latest\",\"namespace\":\"shared\"},\"fieldPath\":\"" + Web + "\"}]", "IR3314" },
    };

    [Theory]
    [MemberData(nameof(Cases))]
    public async Task Each_malformed_trigger_has_its_own_code_exits_2_and_changes_nothing(string what, string annotation, string code)
    {
        // The deployment controller would write status (a new resourceVersion); without it only a change to the object can.
        await using var sim = await OpenShiftSim.StartAsync("image-trigger", "deployment");
        var image = await TestImages.PushAsync(TestServices.Registry, $"apps/example-{Guid.NewGuid():N}", cancellationToken: TestContext.Current.CancellationToken);
        await Workloads.TagAsync(sim, image);
        var created = Workloads.Put(sim, ResourceTypes.Deployments, Workloads.Deployment("example", annotation));
        var rv = (string?)created["metadata"]!["resourceVersion"];
        var messages = new HashSet<string>();
        foreach (var mode in new[] { "patch", "wait" })
        {
            var (exit, _, stderr) = await sim.ImageRollAsync("rollout", "deployment/example", "--from", "example:latest", "--trigger", mode, "--trigger-grace", "1s", "--no-wait");
            Assert.True(exit == 2, $"{what} ({mode}): exit {exit}\n{stderr}");
            Assert.Contains($"error {code}: deployment/example: ", stderr, StringComparison.Ordinal);
            Assert.Contains("hint: ", stderr, StringComparison.Ordinal);
            messages.Add(stderr.Split('\n')[0]);
        }

        Assert.Single(messages);
        Assert.Equal(rv, (string?)sim.Get(ResourceTypes.Deployments, "example")["metadata"]!["resourceVersion"]);
        Assert.DoesNotContain(sim.Cluster.Requests.ResourceRequests, r => r.Method == "PATCH" || (r.Method == "PUT" && r.Path.Contains("/deployments/", StringComparison.Ordinal)));
    }

    [Fact]
    public void Every_case_has_a_different_code()
    {
        var codes = Cases.Select(c => (string)c.Data.Item3).ToList();
        Assert.Equal(codes.Count, codes.Distinct().Count());
    }
}
