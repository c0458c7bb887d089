using System.Text.Json.Nodes;
using ImageRoll.Core.Tests.Rollouts.Fakes;
using ImageRoll.Kubernetes;
using ImageRoll.Rollouts;

namespace ImageRoll.Core.Tests.Rollouts;

public sealed class WorkloadRollbackTests
{
    private const string OldImage = "registry.example.com/shop/web@sha256:1111111111111111111111111111111111111111111111111111111111111111";
    private readonly FakeKubeApi _api = new();

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Deployment_undo_restores_the_previous_ReplicaSets_template_without_its_hash_label_as_kubectl_does()
    {
        _api.Apply(ResourceKind.Deployments, Shapes.Deployment("web", 1, 3, total: 4, extra: """{"metadata":{"annotations":{"kubectl.kubernetes.io/last-applied-configuration":"{}","deployment.kubernetes.io/revision":"5"}}}"""));
        _api.Apply(ResourceKind.ReplicaSets, Shapes.Merge(Shapes.ReplicaSet("web", "57586646f7", 3), """{"metadata":{"annotations":{"team":"blue"}},"spec":{"template":{"spec":{"containers":[{"name":"web","image":"OLD"}]}}}}""".Replace("OLD", OldImage, StringComparison.Ordinal)));
        _api.Apply(ResourceKind.ReplicaSets, Shapes.Merge(Shapes.ReplicaSet("web", "0000000001", 1), """{"spec":{"template":{"spec":{"containers":[{"name":"web","image":"registry.example.com/shop/web:ancient"}]}}}}"""));
        _api.Apply(ResourceKind.ReplicaSets, Shapes.ReplicaSet("web", "6d4cf56db6", 5));
        _api.Apply(ResourceKind.ReplicaSets, Shapes.Merge(Shapes.ReplicaSet("other", "abcdef0123", 4), """{"metadata":{"labels":{"app":"web"}}}"""));

        var rollback = new WorkloadRollback(_api);
        var target = await rollback.FindPreviousAsync(WorkloadRef.Parse("deployment/web"), Ct);
        await rollback.ApplyAsync(target, Ct);

        Assert.Equal(("web-57586646f7", OldImage), (target.Revision, target.Images["web"]));
        var patch = Assert.Single(_api.Patches);
        Assert.Equal(PatchType.Json, patch.Type);
        var ops = JsonNode.Parse(patch.Body)!.AsArray();
        Assert.Equal(["/spec/template", "/metadata/annotations"], ops.Select(o => (string)o!["path"]!));
        Assert.Equal(OldImage, (string)ops[0]!["value"]!["spec"]!["containers"]![0]!["image"]!);
        Assert.Null(ops[0]!["value"]!["metadata"]!["labels"]!["pod-template-hash"]);
        Assert.Equal("web", (string)ops[0]!["value"]!["metadata"]!["labels"]!["app"]!);
        var annotations = ops[1]!["value"]!.AsObject();
        Assert.Equal("5", (string)annotations["deployment.kubernetes.io/revision"]!);
        Assert.Equal("{}", (string)annotations["kubectl.kubernetes.io/last-applied-configuration"]!);
        Assert.Equal("blue", (string)annotations["team"]!);
    }

    [Fact]
    public async Task Deployment_without_an_earlier_revision_cannot_be_rolled_back()
    {
        _api.Apply(ResourceKind.Deployments, Shapes.Deployment("web", 1, 3));
        _api.Apply(ResourceKind.ReplicaSets, Shapes.ReplicaSet("web", "6d4cf56db6", 1));
        var ex = await Assert.ThrowsAsync<ImageRollException>(() => new WorkloadRollback(_api).FindPreviousAsync(WorkloadRef.Parse("deployment/web"), Ct));
        Assert.Equal("IR4012", ex.Code);
        Assert.Contains("no rollout history found for deployment \"web\"", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task StatefulSet_rolls_back_to_the_second_newest_ControllerRevision()
    {
        _api.Apply(ResourceKind.StatefulSets, Snapshots.StatefulSetBase);
        foreach (var (name, rev, image) in new[] { ("db-5d8f9c7b6a", 3, "db@sha256:new"), ("db-7c9b4c5d8f", 2, "db@sha256:good"), ("db-111", 1, "db@sha256:old") })
        {
            _api.Apply(ResourceKind.ControllerRevisions, """
                {"apiVersion":"apps/v1","kind":"ControllerRevision","revision":REV,
                 "metadata":{"name":"NAME","namespace":"shop","labels":{"app":"db","controller.kubernetes.io/hash":"x"},
                   "ownerReferences":[{"apiVersion":"apps/v1","kind":"StatefulSet","name":"db","uid":"u","controller":true}]},
                 "data":{"spec":{"template":{"$patch":"replace","metadata":{"labels":{"app":"db"}},"spec":{"containers":[{"name":"db","image":"IMAGE"}]}}}}}
                """.Replace("REV", rev.ToString(System.Globalization.CultureInfo.InvariantCulture), StringComparison.Ordinal).Replace("NAME", name, StringComparison.Ordinal).Replace("IMAGE", image, StringComparison.Ordinal));
        }

        var rollback = new WorkloadRollback(_api);
        var target = await rollback.FindPreviousAsync(WorkloadRef.Parse("sts/db"), Ct);
        await rollback.ApplyAsync(target, Ct);

        Assert.Equal(("db-7c9b4c5d8f", "db@sha256:good"), (target.Revision, target.Images["db"]));
        var value = JsonNode.Parse(Assert.Single(_api.Patches).Body)![0]!["value"]!.AsObject();
        Assert.False(value.ContainsKey("$patch"));
    }

    [Theory]
    [InlineData("""[{"type":"ImageChange","imageChangeParams":{"automatic":false,"containerNames":["frontend"],"from":{"kind":"ImageStreamTag","name":"frontend:latest"}}}]""", false)]
    [InlineData("""[{"type":"ConfigChange"}]""", false)]
    [InlineData("""[]""", true)]
    public async Task DeploymentConfig_rolls_back_to_the_last_complete_RC_and_instantiates_only_when_the_controller_would_not(string triggers, bool instantiate)
    {
        // deploymentconfig_controller.go triggerActivated: any ImageChange trigger rolls on an image the latest RC lacks.
        _api.Apply(ResourceKind.DeploymentConfigs, Shapes.Merge(Snapshots.DeploymentConfigBase, """{"spec":{"triggers":TRIGGERS},"status":{"latestVersion":4}}""".Replace("TRIGGERS", triggers, StringComparison.Ordinal)));
        foreach (var (version, phase, image) in new[] { (4, "Failed", "frontend@sha256:bad"), (3, "Complete", "frontend@sha256:good"), (2, "Complete", "frontend@sha256:older") })
        {
            _api.Apply(ResourceKind.ReplicationControllers, """
                {"apiVersion":"v1","kind":"ReplicationController","metadata":{"name":"frontend-VER","namespace":"shop",
                  "labels":{"openshift.io/deployment-config.name":"frontend"},
                  "annotations":{"openshift.io/deployment-config.latest-version":"VER","openshift.io/deployment.phase":"PHASE"}},
                 "spec":{"replicas":2,"selector":{"deployment":"frontend-VER"},
                   "template":{"metadata":{"labels":{"app":"frontend","deployment":"frontend-VER","deploymentconfig":"frontend"}},"spec":{"containers":[{"name":"frontend","image":"IMAGE"}]}}}}
                """.Replace("VER", version.ToString(System.Globalization.CultureInfo.InvariantCulture), StringComparison.Ordinal).Replace("PHASE", phase, StringComparison.Ordinal).Replace("IMAGE", image, StringComparison.Ordinal));
        }

        var rollback = new WorkloadRollback(_api);
        var target = await rollback.FindPreviousAsync(WorkloadRef.Parse("dc/frontend"), Ct);

        Assert.Equal(("frontend-3", "frontend@sha256:good", instantiate), (target.Revision, target.Images["frontend"], target.InstantiateAfterPatch));
        var labels = JsonNode.Parse(target.JsonPatch)![0]!["value"]!["metadata"]!["labels"]!.AsObject();
        Assert.False(labels.ContainsKey("deployment"));
        Assert.Equal("frontend", (string)labels["deploymentconfig"]!);
    }
}
