using System.Text.Json.Nodes;
using ImageRoll.ClusterSimulator;
using ImageRoll.ClusterSimulator.Store;
using ImageRoll.IntegrationTests.Infrastructure;
using ImageRoll.IntegrationTests.OpenShift;

namespace ImageRoll.IntegrationTests.OpenShiftNative;

/// <summary>
/// <c>imageroll promote</c> (the CLI in-process, empty HOME) moves the identical digest: from dev to prod in one
/// cluster by tagging as <c>oc tag</c> does, under prod's least-privilege service account; and from one simulated
/// cluster to another (two contexts of one kubeconfig) by copying between their integrated registries. Each time the
/// destination's Deployment is rolled out by the trigger to that digest, which the kubelet stand-in pulls.
/// </summary>
public sealed class PromotionTests
{
    [Fact]
    public async Task Dev_to_prod_in_one_cluster_tags_the_same_digest_as_oc_tag_and_rolls_out_prods_deployment()
    {
        await using var c = await NativeCluster.StartAsync(new SimulatorOptions { IntegratedRegistryBackend = TestServices.Registry });
        c.Namespace("dev");
        c.Namespace("prod");
        var digest = await c.PushToIntegratedRegistryAsync("dev/app:latest");
        c.Create(ResourceTypes.Deployments, "prod", Follows("app:stable"));
        await c.ApplySampleAsync("release.yaml", "prod");
        await c.ApplySampleAsync("promote-source.yaml", "dev");
        var prod = await c.ServiceAccountKubeconfigAsync("imageroll", "prod");
        var devBefore = c.Get(ResourceTypes.ImageStreams, "dev", "app").ToJsonString();

        // The plan names the source digest and the destination before anything changes.
        var before = c.Snapshot();
        var dry = await c.ImageRollAsync("promote", "dev/app:latest", "app:stable", "--kubeconfig", prod, "--dry-run");
        Assert.True(dry.ExitCode == 0, dry.Stderr);
        Assert.Contains($"plan: image stream tag dev/app:latest -> image-registry.openshift-image-registry.svc:5000/dev/app@{digest}", dry.Stdout, StringComparison.Ordinal);
        Assert.Contains("stream tag prod/app:stable, trigger wait", dry.Stdout, StringComparison.Ordinal);
        Assert.Equal(before, c.Snapshot());

        var (code, stdout, stderr) = await c.ImageRollAsync("promote", "dev/app:latest", "app:stable", "--kubeconfig", prod, "--timeout", "90s", "-o", "json");

        Assert.True(code == 0, stderr + stdout);
        var doc = JsonNode.Parse(stdout)!;
        var pulled = $"image-registry.openshift-image-registry.svc:5000/prod/app@{digest}";
        Assert.Equal((digest, pulled, "prod/app:stable"), ((string?)doc["digest"], (string?)doc["pullSpec"], (string?)doc["streamTag"]));
        var stream = c.Get(ResourceTypes.ImageStreams, "prod", "app");
        var spec = stream["spec"]!["tags"]!.AsArray().Single(t => (string?)t!["name"] == "stable")!;
        Assert.Equal(("ImageStreamImage", $"app@{digest}", "dev"), ((string?)spec["from"]!["kind"], (string?)spec["from"]!["name"], (string?)spec["from"]!["namespace"]));
        var item = stream["status"]!["tags"]!.AsArray().Single(t => (string?)t!["tag"] == "stable")!["items"]![0]!;
        Assert.Equal((digest, pulled), ((string?)item["image"], (string?)item["dockerImageReference"]));
        Assert.Equal(pulled, Workloads.Image(c.Get(ResourceTypes.Deployments, "prod", "example")));
        Assert.Equal("succeeded", (string?)doc["workloads"]![0]!["outcome"]);
        Assert.Equal(devBefore, c.Get(ResourceTypes.ImageStreams, "dev", "app").ToJsonString());
        Assert.Contains(c.Cluster.Requests.ResourceRequests, r => r.Method == "PUT" && r.Path == "/apis/image.openshift.io/v1/namespaces/prod/imagestreamtags/app:stable" && r.User == "system:serviceaccount:prod:imageroll");
        Assert.Contains(c.Cluster.IntegratedRegistry!.Requests, l => l.StartsWith($"GET /v2/prod/app/manifests/{digest} 200", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Across_two_clusters_the_image_is_copied_into_the_destinations_registry_and_rolled_out_with_the_same_digest()
    {
        await using var dev = await NativeCluster.StartAsync(new SimulatorOptions { IntegratedRegistryBackend = TestServices.Registry, DisabledControllers = ["kubelet"] });
        await using var prod = await NativeCluster.StartAsync(new SimulatorOptions { IntegratedRegistryBackend = TestServices.Registry });
        dev.Namespace("shop");
        prod.Namespace("shop");
        var digest = await dev.PushToIntegratedRegistryAsync("shop/app:latest");
        prod.Create(ResourceTypes.Deployments, "shop", Follows("app:stable"));
        var kubeconfig = NativeCluster.TwoContextKubeconfig(Path.Combine(dev.Dir, "two.kubeconfig"), ("dev", dev, "shop"), ("prod", prod, "shop"));

        var (code, stdout, stderr) = await dev.ImageRollAsync("promote", "app:latest", "app:stable", "--to-context", "prod", "--kubeconfig", kubeconfig,
            "--insecure-registry", "127.0.0.1", "--timeout", "90s", "-o", "json");

        Assert.True(code == 0, stderr + stdout);
        var doc = JsonNode.Parse(stdout)!;
        var front = prod.Cluster.IntegratedRegistry!.Host;
        var pulled = $"image-registry.openshift-image-registry.svc:5000/shop/app@{digest}";
        Assert.Equal(($"{front}/shop/app@{digest}", pulled), ((string?)doc["digestReference"], (string?)doc["pullSpec"]));
        Assert.Equal(pulled, Workloads.Image(prod.Get(ResourceTypes.Deployments, "shop", "example")));
        Assert.Equal("succeeded", (string?)doc["workloads"]![0]!["outcome"]);
        Assert.Equal(digest, (string?)prod.Get(ResourceTypes.ImageStreams, "shop", "app")["status"]!["tags"]![0]!["items"]![0]!["image"]);
        Assert.Equal(digest, await Build.Skopeo.DigestAsync($"{TestServices.Registry}/{prod.Cluster.IntegratedRegistry.Prefix}/shop/app:stable"));
        Assert.Contains(dev.Cluster.IntegratedRegistry!.Requests, l => l.StartsWith($"GET /v2/shop/app/manifests/{digest} 200 system:admin", StringComparison.Ordinal));
        Assert.Contains(prod.Cluster.IntegratedRegistry.Requests, l => l.StartsWith("PUT /v2/shop/app/manifests/stable 201 system:admin", StringComparison.Ordinal));
        Assert.DoesNotContain(prod.Cluster.Requests.ResourceRequests, r => r.Path.Contains("/imagestreamtags", StringComparison.Ordinal));
        Assert.DoesNotContain(dev.Cluster.AdminToken, stdout + stderr, StringComparison.Ordinal);
        Assert.DoesNotContain(prod.Cluster.AdminToken, stdout + stderr, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Bad_promotions_and_cluster_registry_misuse_stop_before_anything_changes()
    {
        await using var c = await NativeCluster.StartAsync(new SimulatorOptions { IntegratedRegistryBackend = TestServices.Registry, DisabledControllers = ["kubelet", "deployment", "replicaset"] });
        c.Namespace("dev");
        c.Create(ResourceTypes.ImageStreams, "dev", JsonNode.Parse("""{"apiVersion":"image.openshift.io/v1","kind":"ImageStream","metadata":{"name":"app"}}""")!.AsObject());
        var before = c.Snapshot();

        // What is missing in the cluster (a stream, a tag without an image) is exit 3 as for tag and release (one
        // class for a missing stream and a missing stream tag); a contradictory request is bad input, exit 2.
        async Task Refused(string code, string words, params string[] args)
        {
            var run = await c.ImageRollAsync([.. args, "--kubeconfig", c.AdminKubeconfig]);
            var exit = code is "IR3202" or "IR3610" ? 3 : 2;
            Assert.True(run.ExitCode == exit, $"exit {run.ExitCode}, expected {exit}: {run.Stderr}");
            Assert.Contains($"error {code}: ", run.Stderr, StringComparison.Ordinal);
            Assert.Contains(words, run.Stderr, StringComparison.Ordinal);
            Assert.Contains("hint: ", run.Stderr, StringComparison.Ordinal);
        }

        await Refused("IR3610", "\"dev/app:latest\" is not currently pointing to an image, cannot use it as the source of a tag.", "promote", "dev/app:latest", "prod/app:stable");
        await Refused("IR3612", "dev/app:latest would be promoted onto itself.", "promote", "app:latest", "app:latest", "-n", "dev");
        await Refused("IR3202", "The image stream 'web' to promote from does not exist in namespace 'dev'", "promote", "dev/web:latest", "prod/web:stable");
        await Refused("IR2030", "--registry and --image exclude each other", "release", "--registry", "cluster", "--image", "reg.example/a/b:1", "--archive", c.Dir, "--stream", "app:latest");
        await Refused("IR2031", "--registry cluster needs --stream STREAM:TAG", "release", "--registry", "cluster", "--archive", c.Dir);
        await Refused("IR2003", "--registry 'docker.io' is not one of cluster", "release", "--registry", "docker.io", "--archive", c.Dir, "--stream", "app:latest");
        Assert.Equal(before, c.Snapshot());
    }

    /// <summary>The Deployment `example` (container web) following <paramref name="streamTag"/> in its namespace.</summary>
    private static JsonObject Follows(string streamTag) =>
        Workloads.Deployment(triggers: Workloads.WebTrigger.Replace("example:latest", streamTag, StringComparison.Ordinal));
}
