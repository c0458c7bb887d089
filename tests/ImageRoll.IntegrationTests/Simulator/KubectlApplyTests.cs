using System.Text.Json.Nodes;
using ImageRoll.ClusterSimulator.Store;
using ImageRoll.IntegrationTests.Infrastructure;

namespace ImageRoll.IntegrationTests.Simulator;

/// <summary>The real kubectl applying the sample manifests to the simulated cluster, client-side and server-side.</summary>
public sealed class KubectlApplyTests : IClassFixture<SimulatorFixture>
{
    private static readonly string Manifests = Path.Combine(TestServices.RepoRoot, "samples", "manifests");
    private readonly SimulatorFixture _fixture;

    public KubectlApplyTests(SimulatorFixture fixture)
    {
        Kubectl.RequireInstalled();
        _fixture = fixture;
    }

    private Kubectl Admin => new(_fixture.AdminKubeconfig, _fixture.Directory);

    [Fact]
    public async Task Apply_creates_every_sample_and_a_second_apply_changes_nothing()
    {
        var ns = _fixture.NewNamespace("apply");
        var first = (await Admin.RunAsync("apply", "-n", ns, "-f", Manifests)).EnsureSuccess("kubectl apply");
        Assert.Contains("deployment.apps/example created", first.Stdout, StringComparison.Ordinal);
        Assert.Contains("imagestream.image.openshift.io/example created", first.Stdout, StringComparison.Ordinal);
        Assert.Contains("deploymentconfig.apps.openshift.io/example-dc created", first.Stdout, StringComparison.Ordinal);
        Assert.Contains("statefulset.apps/example-db created", first.Stdout, StringComparison.Ordinal);
        Assert.Contains("daemonset.apps/example-agent created", first.Stdout, StringComparison.Ordinal);
        Assert.Contains("service/example created", first.Stdout, StringComparison.Ordinal);
        var rv = _fixture.Cluster.Store.ResourceVersion;

        var second = (await Admin.RunAsync("apply", "-n", ns, "-f", Manifests)).EnsureSuccess("kubectl apply again");

        Assert.Contains("deployment.apps/example unchanged", second.Stdout, StringComparison.Ordinal);
        Assert.Contains("imagestream.image.openshift.io/example unchanged", second.Stdout, StringComparison.Ordinal);
        Assert.Contains("statefulset.apps/example-db unchanged", second.Stdout, StringComparison.Ordinal);
        Assert.Contains("daemonset.apps/example-agent unchanged", second.Stdout, StringComparison.Ordinal);
        Assert.Contains("service/example unchanged", second.Stdout, StringComparison.Ordinal);

        Assert.Contains("deploymentconfig.apps.openshift.io/example-dc unchanged", second.Stdout, StringComparison.Ordinal);
        Assert.DoesNotContain("configured", second.Stdout, StringComparison.Ordinal);
        var deployment = _fixture.Cluster.Store.GetRequired(ResourceTypes.Deployments, ns, "example");
        Assert.Equal(1, Meta.Generation(deployment));
        Assert.NotNull(Meta.Annotation(deployment, "kubectl.kubernetes.io/last-applied-configuration"));
        Assert.Contains("\"fieldPath\":\"spec.template.spec.containers[?(@.name==\\\"web\\\")].image\"", Meta.Annotation(deployment, "image.openshift.io/triggers"), StringComparison.Ordinal);
        Assert.True(_fixture.Cluster.Store.ResourceVersion >= rv);
    }

    [Fact]
    public async Task Reapply_with_a_renamed_container_sends_a_strategic_merge_patch_and_bumps_generation()
    {
        var ns = _fixture.NewNamespace("reapply");
        (await Admin.RunAsync("apply", "-n", ns, "-f", Path.Combine(Manifests, "deployment.yaml"))).EnsureSuccess("kubectl apply");
        var changed = (await File.ReadAllTextAsync(Path.Combine(Manifests, "deployment.yaml"), TestContext.Current.CancellationToken))
            .Replace("- name: web", "- name: api", StringComparison.Ordinal).Replace("replicas: 2", "replicas: 3", StringComparison.Ordinal);
        _fixture.Cluster.Requests.Clear();

        var result = (await Admin.RunAsync(["apply", "-n", ns, "-f", "-"], changed)).EnsureSuccess("kubectl apply changed");

        Assert.Contains("deployment.apps/example configured", result.Stdout, StringComparison.Ordinal);
        var patch = Assert.Single(_fixture.Cluster.Requests.All, r => r.Method == "PATCH");
        Assert.StartsWith("application/strategic-merge-patch+json", patch.ContentType, StringComparison.Ordinal);
        Assert.Contains("$setElementOrder/containers", patch.Body, StringComparison.Ordinal);
        Assert.Contains("\"$patch\":\"delete\"", patch.Body, StringComparison.Ordinal);
        var deployment = _fixture.Cluster.Store.GetRequired(ResourceTypes.Deployments, ns, "example");
        var containers = deployment["spec"]!["template"]!["spec"]!["containers"]!.AsArray();
        Assert.Equal(["api"], containers.Select(c => Meta.Str(c!["name"])));
        Assert.Equal(8080, Meta.Long(containers[0]!["ports"]![0]!["containerPort"]));
        Assert.Equal(3, Meta.Long(deployment["spec"]!["replicas"]));
        Assert.Equal(2, Meta.Generation(deployment));
    }

    [Fact]
    public async Task Server_side_apply_creates_then_updates_under_the_field_manager()
    {
        var ns = _fixture.NewNamespace("ssa");
        _fixture.Cluster.Requests.Clear();

        var created = (await Admin.RunAsync("apply", "--server-side", "-n", ns, "-f", Manifests)).EnsureSuccess("kubectl apply --server-side");
        Assert.Contains("deployment.apps/example serverside-applied", created.Stdout, StringComparison.Ordinal);
        Assert.Contains("imagestream.image.openshift.io/example serverside-applied", created.Stdout, StringComparison.Ordinal);
        var apply = _fixture.Cluster.Requests.All.First(r => r.Method == "PATCH" && r.Path.EndsWith("/deployments/example", StringComparison.Ordinal));
        Assert.Equal("application/apply-patch+yaml", apply.ContentType);
        Assert.Contains("fieldManager=kubectl", apply.PathAndQuery, StringComparison.Ordinal);
        Assert.Equal(201, apply.StatusCode);

        var changed = (await File.ReadAllTextAsync(Path.Combine(Manifests, "deployment.yaml"), TestContext.Current.CancellationToken))
            .Replace("replicas: 2", "replicas: 4", StringComparison.Ordinal);
        (await Admin.RunAsync(["apply", "--server-side", "--force-conflicts", "-n", ns, "-f", "-"], changed)).EnsureSuccess("kubectl apply --server-side again");

        var deployment = _fixture.Cluster.Store.GetRequired(ResourceTypes.Deployments, ns, "example");
        Assert.Equal(4, Meta.Long(deployment["spec"]!["replicas"]));
        Assert.Equal(2, Meta.Generation(deployment));
    }

    [Fact]
    public async Task Get_deploy_is_dc_as_json_returns_what_the_store_holds()
    {
        var ns = _fixture.NewNamespace("get");
        (await Admin.RunAsync("apply", "-n", ns, "-f", Manifests)).EnsureSuccess("kubectl apply");

        var result = (await Admin.RunAsync("get", "deploy,is,dc", "-n", ns, "-o", "json")).EnsureSuccess("kubectl get -o json");

        var items = JsonNode.Parse(result.Stdout)!["items"]!.AsArray().Select(i => i!.AsObject()).ToList();
        Assert.Equal(["Deployment/example", "ImageStream/example", "DeploymentConfig/example-dc"],
            items.Select(i => $"{Meta.Str(i["kind"])}/{Meta.Name(i)}"));
        var stream = items[1];
        Assert.Equal($"image-registry.openshift-image-registry.svc:5000/{ns}/example", Meta.Str(stream["status"]!["dockerImageRepository"]));
        foreach (var item in items)
        {
            var type = ResourceTypes.FindByKind(Meta.Str(item["apiVersion"])!, Meta.Str(item["kind"])!)!;
            var stored = _fixture.Cluster.Store.GetRequired(type, ns, Meta.Name(item));
            Assert.Equal(Meta.Uid(stored), Meta.Uid(item));
            Assert.Equal(Meta.ResourceVersion(stored), Meta.ResourceVersion(item));
            Assert.True(JsonNode.DeepEquals(stored["spec"], item["spec"]), $"spec of {Meta.Name(item)} differs");
        }
    }

    [Fact]
    public async Task Short_names_and_api_resources_are_served_by_discovery()
    {
        var ns = _fixture.NewNamespace("short");
        (await Admin.RunAsync("apply", "-n", ns, "-f", Path.Combine(Manifests, "imagestream.yaml"), "-f", Path.Combine(Manifests, "deploymentconfig.yaml"))).EnsureSuccess("kubectl apply");
        _fixture.Cluster.Store.Modify(ResourceTypes.ImageStreams, ns, "example", s => s["status"]!["tags"] = new JsonArray(new JsonObject
        {
            ["tag"] = "latest",
            ["items"] = new JsonArray(new JsonObject
            {
                ["created"] = "2026-01-01T00:00:00Z",
                ["dockerImageReference"] = "127.0.0.1:5000/apps/example@sha256:" + new string('a', 64),
                ["image"] = "sha256:" + new string('a', 64),
                ["generation"] = 1,
            }),
        }), WriteScope.Status);

        var resources = (await Admin.RunAsync("api-resources")).EnsureSuccess("kubectl api-resources").Stdout;
        var istag = (await Admin.RunAsync("get", "istag", "-n", ns, "-o", "name")).EnsureSuccess("kubectl get istag").Stdout;
        var isName = (await Admin.RunAsync("get", "is", "-n", ns, "-o", "name")).EnsureSuccess("kubectl get is").Stdout;
        var dc = (await Admin.RunAsync("get", "dc", "example-dc", "-n", ns, "-o", "jsonpath={.spec.triggers[1].imageChangeParams.from.name}")).EnsureSuccess("kubectl get dc").Stdout;
        var oneTag = (await Admin.RunAsync("get", "istag", "example:latest", "-n", ns, "-o", "jsonpath={.image.metadata.name}")).EnsureSuccess("kubectl get istag/x").Stdout;

        foreach (var (name, shortName) in new[] { ("deployments", "deploy"), ("statefulsets", "sts"), ("daemonsets", "ds"), ("imagestreams", "is"), ("imagestreamtags", "istag"), ("deploymentconfigs", "dc"), ("cronjobs", "cj"), ("namespaces", "ns") })
        {
            Assert.Matches($@"(?m)^{name}\s+{shortName}\s", resources);
        }

        Assert.Equal("imagestreamtag.image.openshift.io/example:latest", istag.Trim());
        Assert.Equal("imagestream.image.openshift.io/example", isName.Trim());
        Assert.Equal("example:latest", dc);
        Assert.Equal("sha256:" + new string('a', 64), oneTag);
    }
}
