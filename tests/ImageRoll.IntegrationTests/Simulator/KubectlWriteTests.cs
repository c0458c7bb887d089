using System.Text.Json.Nodes;
using ImageRoll.ClusterSimulator.Store;
using ImageRoll.IntegrationTests.Infrastructure;

namespace ImageRoll.IntegrationTests.Simulator;

/// <summary>The real kubectl patching, replacing, watching and deleting on the simulated cluster, and its auth errors.</summary>
public sealed class KubectlWriteTests : IClassFixture<SimulatorFixture>
{
    private static readonly string Manifests = Path.Combine(TestServices.RepoRoot, "samples", "manifests");
    private readonly SimulatorFixture _fixture;

    public KubectlWriteTests(SimulatorFixture fixture)
    {
        Kubectl.RequireInstalled();
        _fixture = fixture;
    }

    private Kubectl Admin => new(_fixture.AdminKubeconfig, _fixture.Directory);

    private async Task<string> NamespaceWithSamplesAsync(string prefix)
    {
        var ns = _fixture.NewNamespace(prefix);
        (await Admin.RunAsync("apply", "-n", ns, "-f", Manifests)).EnsureSuccess("kubectl apply");
        return ns;
    }

    [Fact]
    public async Task Patch_with_each_type_changes_the_object_and_an_unchanged_patch_says_no_change()
    {
        var ns = await NamespaceWithSamplesAsync("patch");
        var store = _fixture.Cluster.Store;
        _fixture.Cluster.Requests.Clear();

        var strategic = (await Admin.RunAsync("patch", "deployment/example", "-n", ns, "-p",
            """{"spec":{"template":{"spec":{"containers":[{"name":"web","image":"127.0.0.1:5000/apps/example@sha256:1111111111111111111111111111111111111111111111111111111111111111"}]}}}}""")).EnsureSuccess("patch strategic");
        var merge = (await Admin.RunAsync("patch", "is/example", "-n", ns, "--type", "merge", "-p", """{"metadata":{"labels":{"tier":"frontend"}}}""")).EnsureSuccess("patch merge");
        var json = (await Admin.RunAsync("patch", "dc/example-dc", "-n", ns, "--type", "json", "-p", """[{"op":"replace","path":"/spec/replicas","value":3},{"op":"add","path":"/metadata/labels/tier","value":"backend"}]""")).EnsureSuccess("patch json");
        var rvBefore = Meta.ResourceVersion(store.GetRequired(ResourceTypes.Deployments, ns, "example"));
        var same = (await Admin.RunAsync("patch", "deployment/example", "-n", ns, "-p", """{"spec":{"replicas":2}}""")).EnsureSuccess("patch unchanged");

        Assert.Equal("deployment.apps/example patched", strategic.Stdout.Trim());
        Assert.Equal("imagestream.image.openshift.io/example patched", merge.Stdout.Trim());
        Assert.Equal("deploymentconfig.apps.openshift.io/example-dc patched", json.Stdout.Trim());
        Assert.Equal("deployment.apps/example patched (no change)", same.Stdout.Trim());
        Assert.Equal(["application/strategic-merge-patch+json", "application/merge-patch+json", "application/json-patch+json", "application/strategic-merge-patch+json"],
            _fixture.Cluster.Requests.All.Where(r => r.Method == "PATCH").Select(r => r.ContentType));
        Assert.All(_fixture.Cluster.Requests.All, r => Assert.StartsWith("kubectl", r.Headers["User-Agent"], StringComparison.Ordinal));
        Assert.All(_fixture.Cluster.Requests.All, r => Assert.Equal("Bearer", r.Headers["Authorization"]));

        var deployment = store.GetRequired(ResourceTypes.Deployments, ns, "example");
        var container = deployment["spec"]!["template"]!["spec"]!["containers"]![0]!;
        Assert.Equal("127.0.0.1:5000/apps/example@sha256:" + new string('1', 64), Meta.Str(container["image"]));
        Assert.Equal(8080, Meta.Long(container["ports"]![0]!["containerPort"]));
        Assert.Equal(2, Meta.Generation(deployment));
        Assert.Equal(rvBefore, Meta.ResourceVersion(deployment));
        Assert.Equal("frontend", Meta.Str(store.GetRequired(ResourceTypes.ImageStreams, ns, "example")["metadata"]!["labels"]!["tier"]));
        var dc = store.GetRequired(ResourceTypes.DeploymentConfigs, ns, "example-dc");
        Assert.Equal(3, Meta.Long(dc["spec"]!["replicas"]));
        Assert.Equal("backend", Meta.Str(dc["metadata"]!["labels"]!["tier"]));
    }

    [Fact]
    public async Task Replace_with_a_stale_resourceVersion_is_refused_with_409_Conflict()
    {
        var ns = await NamespaceWithSamplesAsync("replace");
        var stale = (await Admin.RunAsync("get", "deployment/example", "-n", ns, "-o", "json")).EnsureSuccess("get").Stdout;
        (await Admin.RunAsync("patch", "deployment/example", "-n", ns, "-p", """{"spec":{"replicas":5}}""")).EnsureSuccess("patch");

        var result = await Admin.RunAsync(["replace", "-n", ns, "-f", "-"], stale);

        Assert.NotEqual(0, result.ExitCode);
        Assert.Contains("Error from server (Conflict): error when replacing \"STDIN\": Operation cannot be fulfilled on deployments.apps \"example\": the object has been modified; please apply your changes to the latest version and try again",
            result.Stderr, StringComparison.Ordinal);
        Assert.Equal(5, Meta.Long(_fixture.Cluster.Store.GetRequired(ResourceTypes.Deployments, ns, "example")["spec"]!["replicas"]));
    }

    [Fact]
    public async Task Replace_with_the_current_resourceVersion_succeeds()
    {
        var ns = await NamespaceWithSamplesAsync("replace-ok");
        var current = JsonNode.Parse((await Admin.RunAsync("get", "deployment/example", "-n", ns, "-o", "json")).EnsureSuccess("get").Stdout)!;
        current["spec"]!["replicas"] = 7;

        var result = (await Admin.RunAsync(["replace", "-n", ns, "-f", "-"], current.ToJsonString())).EnsureSuccess("replace");

        Assert.Equal("deployment.apps/example replaced", result.Stdout.Trim());
        Assert.Equal(7, Meta.Long(_fixture.Cluster.Store.GetRequired(ResourceTypes.Deployments, ns, "example")["spec"]!["replicas"]));
    }

    [Fact]
    public async Task Watch_with_output_watch_events_sees_added_modified_and_deleted()
    {
        var ns = await NamespaceWithSamplesAsync("watch");

        var lines = await Admin.StreamUntilAsync(
            ["get", "deployments", "-n", ns, "-w", "--output-watch-events", "--request-timeout=60s"],
            seen => seen.Any(l => l.StartsWith("DELETED", StringComparison.Ordinal)),
            async () =>
            {
                (await Admin.RunAsync("scale", "deployment/example", "-n", ns, "--replicas=4")).EnsureSuccess("scale");
                (await Admin.RunAsync("delete", "deployment/example", "-n", ns)).EnsureSuccess("delete");
            },
            TimeSpan.FromSeconds(30));

        var events = lines.Skip(1).Select(l => l.Split(' ', StringSplitOptions.RemoveEmptyEntries)).Select(p => $"{p[0]} {p[1]}").ToList();
        Assert.Equal("ADDED example", events[0]);
        Assert.Contains("MODIFIED example", events);
        Assert.Equal("DELETED example", events[^1]);
    }

    [Fact]
    public async Task Delete_removes_the_object_and_garbage_collects_its_dependents()
    {
        var ns = await NamespaceWithSamplesAsync("delete");
        var store = _fixture.Cluster.Store;
        var owner = store.GetRequired(ResourceTypes.Deployments, ns, "example");
        store.Create(ResourceTypes.ReplicaSets, ns, new JsonObject
        {
            ["metadata"] = new JsonObject { ["name"] = "example-1", ["ownerReferences"] = new JsonArray(Meta.ControllerReference(owner)) },
            ["spec"] = new JsonObject { ["replicas"] = 1 },
        });
        using var watch = store.Watch(new WatchRequest { Types = [ResourceTypes.ReplicaSets], Namespace = ns, ResourceVersion = store.ResourceVersion });

        var result = (await Admin.RunAsync("delete", "deployment", "example", "-n", ns)).EnsureSuccess("kubectl delete");

        Assert.Equal("deployment.apps \"example\" deleted", result.Stdout.Trim());
        Assert.Null(store.Get(ResourceTypes.Deployments, ns, "example"));
        using var cts = CancellationTokenSource.CreateLinkedTokenSource(TestContext.Current.CancellationToken);
        cts.CancelAfter(TimeSpan.FromSeconds(10));
        await foreach (var e in watch.WithCancellation(cts.Token))
        {
            if (e.Type == StoreEvent.Deleted && e.Name == "example-1")
            {
                break;
            }
        }

        Assert.Null(store.Get(ResourceTypes.ReplicaSets, ns, "example-1"));
        var missing = await Admin.RunAsync("get", "deployment", "example", "-n", ns);
        Assert.Contains("Error from server (NotFound): deployments.apps \"example\" not found", missing.Stderr, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Restricted_token_reads_but_is_forbidden_to_patch_a_deployment()
    {
        var ns = await NamespaceWithSamplesAsync("rbac");
        var restricted = new Kubectl(_fixture.RestrictedKubeconfig, _fixture.Directory);

        var read = (await restricted.RunAsync("get", "deployment/example", "-n", ns, "-o", "name")).EnsureSuccess("restricted get");
        var patch = await restricted.RunAsync("patch", "deployment/example", "-n", ns, "-p", """{"spec":{"replicas":9}}""");
        var tag = await restricted.RunAsync("patch", "is/example", "-n", ns, "--type", "merge", "-p", """{"metadata":{"labels":{"ci":"yes"}}}""");

        Assert.Equal("deployment.apps/example", read.Stdout.Trim());
        Assert.NotEqual(0, patch.ExitCode);
        Assert.Contains($"Error from server (Forbidden): deployments.apps \"example\" is forbidden: User \"system:serviceaccount:ci:builder\" cannot patch resource \"deployments\" in API group \"apps\" in the namespace \"{ns}\"",
            patch.Stderr, StringComparison.Ordinal);
        tag.EnsureSuccess("restricted patch of an image stream");
        Assert.Equal(2, Meta.Long(_fixture.Cluster.Store.GetRequired(ResourceTypes.Deployments, ns, "example")["spec"]!["replicas"]));
    }

    [Fact]
    public async Task Expired_token_is_refused_with_401()
    {
        var expired = new Kubectl(_fixture.ExpiredKubeconfig, _fixture.Directory);

        var result = await expired.RunAsync("get", "deployments", "-n", "default");

        Assert.NotEqual(0, result.ExitCode);
        Assert.Contains("error: You must be logged in to the server", result.Stderr, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Create_in_a_missing_namespace_is_404_and_a_duplicate_is_AlreadyExists()
    {
        var missing = await Admin.RunAsync("create", "deployment", "web", "--image=127.0.0.1:5000/apps/web:1", "-n", "no-such-namespace");
        var applyMissing = await Admin.RunAsync("apply", "-n", "no-such-namespace", "-f", Path.Combine(Manifests, "service.yaml"));
        var ns = _fixture.NewNamespace("create");
        (await Admin.RunAsync("create", "deployment", "web", "--image=127.0.0.1:5000/apps/web:1", "-n", ns)).EnsureSuccess("create");
        var duplicate = await Admin.RunAsync("create", "deployment", "web", "--image=127.0.0.1:5000/apps/web:1", "-n", ns);

        Assert.Contains("error: failed to create deployment: namespaces \"no-such-namespace\" not found", missing.Stderr, StringComparison.Ordinal);
        Assert.Contains("error: failed to create deployment: deployments.apps \"web\" already exists", duplicate.Stderr, StringComparison.Ordinal);
        Assert.Contains("Error from server (NotFound): error when creating", applyMissing.Stderr, StringComparison.Ordinal);
        Assert.Contains("namespaces \"no-such-namespace\" not found", applyMissing.Stderr, StringComparison.Ordinal);
        var created = _fixture.Cluster.Store.GetRequired(ResourceTypes.Deployments, ns, "web");
        Assert.Equal("web", Meta.Str(created["spec"]!["template"]!["spec"]!["containers"]![0]!["name"]));
    }
}
