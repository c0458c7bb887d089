using System.Text.Json.Nodes;
using ImageRoll.ClusterSimulator.Store;
using ImageRoll.IntegrationTests.Kubernetes;
using ImageRoll.IntegrationTests.Registry;

namespace ImageRoll.IntegrationTests.Rollouts;

/// <summary>
/// The same object, the same words: each status snapshot is written into the simulated cluster's store (no
/// controllers run, so nothing moves), then the real <c>kubectl rollout status --watch=false</c> and
/// <c>imageroll status</c> read it over HTTPS and must say exactly the same thing.
/// </summary>
public sealed class RolloutSnapshotAgreementTests(SimulatorKubeFixture fx) : IClassFixture<SimulatorKubeFixture>
{
    private const string Template = """{"metadata":{"labels":{"app":"NAME"}},"spec":{"containers":[{"name":"web","image":"registry.example.com/shop/web@sha256:2222222222222222222222222222222222222222222222222222222222222222"}]}}""";

    public static TheoryData<string, string, string> Snapshots => new()
    {
        { "deployment", """{"replicas":3,"selector":{"matchLabels":{"app":"NAME"}},"template":TEMPLATE}""", """{"observedGeneration":1,"replicas":4,"updatedReplicas":1,"availableReplicas":3}""" },
        { "deployment", """{"replicas":3,"selector":{"matchLabels":{"app":"NAME"}},"template":TEMPLATE}""", """{"observedGeneration":1,"replicas":4,"updatedReplicas":3,"availableReplicas":3}""" },
        { "deployment", """{"replicas":3,"selector":{"matchLabels":{"app":"NAME"}},"template":TEMPLATE}""", """{"observedGeneration":1,"replicas":3,"updatedReplicas":3,"availableReplicas":1}""" },
        { "deployment", """{"replicas":3,"selector":{"matchLabels":{"app":"NAME"}},"template":TEMPLATE}""", """{"observedGeneration":1,"replicas":3,"updatedReplicas":3,"availableReplicas":3,"readyReplicas":3}""" },
        { "deployment", """{"replicas":3,"selector":{"matchLabels":{"app":"NAME"}},"template":TEMPLATE}""", """{"observedGeneration":0}""" },
        { "statefulset", """{"replicas":3,"serviceName":"NAME","selector":{"matchLabels":{"app":"NAME"}},"template":TEMPLATE,"updateStrategy":{"type":"RollingUpdate","rollingUpdate":{"partition":2}}}""", """{"observedGeneration":1,"replicas":3,"readyReplicas":3,"updatedReplicas":0,"currentRevision":"NAME-1","updateRevision":"NAME-2"}""" },
        { "statefulset", """{"replicas":3,"serviceName":"NAME","selector":{"matchLabels":{"app":"NAME"}},"template":TEMPLATE,"updateStrategy":{"type":"RollingUpdate","rollingUpdate":{"partition":0}}}""", """{"observedGeneration":1,"replicas":3,"readyReplicas":1}""" },
        { "statefulset", """{"replicas":3,"serviceName":"NAME","selector":{"matchLabels":{"app":"NAME"}},"template":TEMPLATE,"updateStrategy":{"type":"RollingUpdate","rollingUpdate":{"partition":0}}}""", """{"observedGeneration":1,"replicas":3,"readyReplicas":3,"updatedReplicas":3,"currentRevision":"NAME-2","updateRevision":"NAME-2"}""" },
        { "daemonset", """{"selector":{"matchLabels":{"app":"NAME"}},"template":TEMPLATE,"updateStrategy":{"type":"RollingUpdate"}}""", """{"observedGeneration":1,"desiredNumberScheduled":3,"updatedNumberScheduled":1,"numberAvailable":2}""" },
        { "daemonset", """{"selector":{"matchLabels":{"app":"NAME"}},"template":TEMPLATE,"updateStrategy":{"type":"RollingUpdate"}}""", """{"observedGeneration":1,"desiredNumberScheduled":3,"updatedNumberScheduled":3,"numberAvailable":2}""" },
        { "daemonset", """{"selector":{"matchLabels":{"app":"NAME"}},"template":TEMPLATE,"updateStrategy":{"type":"RollingUpdate"}}""", """{"observedGeneration":1,"desiredNumberScheduled":3,"updatedNumberScheduled":3,"numberAvailable":3}""" },
    };

    [Theory]
    [MemberData(nameof(Snapshots))]
    public async Task Kubectl_and_ImageRoll_print_the_same_words_for_a_status_snapshot(string kind, string spec, string status)
    {
        var name = Create(kind, spec, status);
        var kubectl = await fx.Kubectl("rollout", "status", $"{kind}/{name}", "--watch=false", "-n", "default");
        var imageroll = await ImageRollCli.RunAsync(new Dictionary<string, string?>(), "status", $"{kind}/{name}", "--kubeconfig", fx.AdminKubeconfig, "-n", "default");

        Assert.Equal(0, kubectl.ExitCode);
        Assert.Equal(kubectl.Stdout.Trim(), imageroll.Stdout.Trim());
        var done = kubectl.Stdout.Contains("successfully rolled out", StringComparison.Ordinal) || kubectl.Stdout.Contains("roll out complete", StringComparison.Ordinal);
        Assert.Equal(done ? 0 : 5, imageroll.ExitCode);
    }

    [Fact]
    public async Task Kubectl_and_ImageRoll_both_fail_on_ProgressDeadlineExceeded_with_the_same_words()
    {
        var name = Create("deployment", """{"replicas":3,"progressDeadlineSeconds":60,"selector":{"matchLabels":{"app":"NAME"}},"template":TEMPLATE}""",
            """{"observedGeneration":1,"replicas":4,"updatedReplicas":1,"availableReplicas":3,"conditions":[{"type":"Progressing","status":"False","reason":"ProgressDeadlineExceeded","message":"ReplicaSet \"NAME-6d4cf56db6\" has timed out progressing."}]}""");
        var kubectl = await fx.Kubectl("rollout", "status", $"deployment/{name}", "--timeout=30s", "-n", "default");
        var imageroll = await ImageRollCli.RunAsync(new Dictionary<string, string?>(), "status", $"deployment/{name}", "--watch", "--kubeconfig", fx.AdminKubeconfig, "-n", "default");

        Assert.Equal(1, kubectl.ExitCode);
        Assert.Equal($"error: deployment \"{name}\" exceeded its progress deadline", kubectl.Stderr.Trim());
        Assert.Equal(4, imageroll.ExitCode);
        Assert.Contains($"error IR4001: deployment/{name}: deployment \"{name}\" exceeded its progress deadline", imageroll.Stderr, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Kubectl_and_ImageRoll_both_refuse_an_OnDelete_StatefulSet()
    {
        var name = Create("statefulset", """{"replicas":1,"serviceName":"NAME","selector":{"matchLabels":{"app":"NAME"}},"template":TEMPLATE,"updateStrategy":{"type":"OnDelete"}}""", """{"observedGeneration":1,"replicas":1}""");
        var kubectl = await fx.Kubectl("rollout", "status", $"statefulset/{name}", "--watch=false", "-n", "default");
        var imageroll = await ImageRollCli.RunAsync(new Dictionary<string, string?>(), "status", $"sts/{name}", "--kubeconfig", fx.AdminKubeconfig, "-n", "default");

        Assert.Equal("error: rollout status is only available for RollingUpdate strategy type", kubectl.Stderr.Trim());
        Assert.Equal(4, imageroll.ExitCode);
        Assert.Contains("IR4005", imageroll.Stderr, StringComparison.Ordinal);
        Assert.Contains("rollout status is only available for RollingUpdate strategy type", imageroll.Stderr, StringComparison.Ordinal);
    }

    private string Create(string kind, string spec, string status)
    {
        var name = $"{kind[..3]}-{Guid.NewGuid().ToString("N")[..8]}";
        var type = kind switch { "deployment" => ResourceTypes.Deployments, "statefulset" => ResourceTypes.StatefulSets, _ => ResourceTypes.DaemonSets };
        var obj = new JsonObject
        {
            ["apiVersion"] = "apps/v1",
            ["kind"] = type.Kind,
            ["metadata"] = new JsonObject { ["name"] = name, ["namespace"] = "default" },
            ["spec"] = JsonNode.Parse(spec.Replace("TEMPLATE", Template, StringComparison.Ordinal).Replace("NAME", name, StringComparison.Ordinal)),
        };
        fx.Cluster.Store.Create(type, "default", obj);
        var statusNode = JsonNode.Parse(status.Replace("NAME", name, StringComparison.Ordinal));
        fx.Cluster.Store.Modify(type, "default", name, o => o["status"] = statusNode, WriteScope.Status);
        return name;
    }
}
