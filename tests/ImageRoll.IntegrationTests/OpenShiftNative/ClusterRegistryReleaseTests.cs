using System.Text.Json.Nodes;
using ImageRoll.ClusterSimulator;
using ImageRoll.ClusterSimulator.Store;
using ImageRoll.IntegrationTests.Infrastructure;
using ImageRoll.IntegrationTests.OpenShift;
using ImageRoll.IntegrationTests.Registry;
using ImageRoll.Release;

namespace ImageRoll.IntegrationTests.OpenShiftNative;

/// <summary>
/// <c>imageroll release --registry cluster</c> (the CLI in-process, with an empty HOME: no docker login, no registry
/// credentials anywhere) against a simulated cluster whose integrated registry fronts the real registry: the push goes
/// to the host the cluster names, with the kubeconfig's token, updates the stream itself, and the trigger controller
/// rolls out the internal pull spec, which the kubelet stand-in pulls through the registry.
/// </summary>
public sealed class ClusterRegistryReleaseTests
{
    [Fact]
    public async Task A_release_with_only_the_kubeconfig_token_pushes_to_the_integrated_registry_and_the_trigger_rolls_it_out()
    {
        await using var c = await NativeCluster.StartAsync(new SimulatorOptions { IntegratedRegistryBackend = TestServices.Registry });
        Shop(c);
        var layout = Layout(c, out var digest);

        var (code, stdout, stderr) = await c.ImageRollAsync("release", "--registry", "cluster", "--archive", layout, "--stream", "example:latest",
            "--trigger", "wait", "-n", "shop", "--insecure-registry", "127.0.0.1", "--kubeconfig", c.AdminKubeconfig, "--timeout", "90s", "-o", "json");

        Assert.True(code == 0, stderr + stdout);
        var doc = JsonNode.Parse(stdout)!;
        var front = c.Cluster.IntegratedRegistry!.Host;
        var internalRef = $"image-registry.openshift-image-registry.svc:5000/shop/example@{digest}";
        Assert.Equal(($"{front}/shop/example@{digest}", internalRef, "shop/example:latest"), ((string?)doc["digestReference"], (string?)doc["pullSpec"], (string?)doc["streamTag"]));
        Assert.Equal($"{front}/shop/example:latest", (string?)doc["image"]);
        Assert.Contains(doc["plan"]!["checks"]!.AsArray(), k => (string?)k!["name"] == "integrated registry" && ((string?)k["message"])!.Contains(front, StringComparison.Ordinal));
        Assert.Equal(internalRef, Workloads.Image(c.Get(ResourceTypes.Deployments, "shop", "example")));
        var w = Assert.Single(doc["workloads"]!.AsArray());
        Assert.Equal(("succeeded", "controllerUpdated"), ((string?)w!["outcome"], (string?)w["trigger"]));

        // No tag request: the push itself set the stream; the node pulled the internal name through the registry.
        Assert.DoesNotContain(c.Cluster.Requests.ResourceRequests, r => r.Path.Contains("/imagestreamtags", StringComparison.Ordinal) || r.Path.Contains("/imagestreamimports", StringComparison.Ordinal));
        var registryLog = c.Cluster.IntegratedRegistry.Requests.ToList();
        Assert.Contains(registryLog, l => l.StartsWith("PUT /v2/shop/example/manifests/latest 201 system:admin", StringComparison.Ordinal));
        Assert.Contains(registryLog, l => l.StartsWith($"GET /v2/shop/example/manifests/{digest} 200", StringComparison.Ordinal));
        Assert.Equal(digest, await Build.Skopeo.DigestAsync($"{TestServices.Registry}/{c.Cluster.IntegratedRegistry.Prefix}/shop/example:latest"));
        Assert.DoesNotContain(c.Cluster.AdminToken, stdout + stderr, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_service_account_bound_to_the_shipped_role_releases_to_the_integrated_registry_and_without_push_rights_stops_in_the_plan()
    {
        await using var c = await NativeCluster.StartAsync(new SimulatorOptions { IntegratedRegistryBackend = TestServices.Registry });
        Shop(c);
        await c.ApplySampleAsync("release.yaml", "shop");
        var kubeconfig = await c.ServiceAccountKubeconfigAsync("imageroll", "shop");
        var layout = Layout(c, out var digest);
        string[] Args(string archive, params string[] more) => ["release", "--registry", "cluster", "--archive", archive, "--stream", "example:latest", "--trigger", "wait",
            "--insecure-registry", "127.0.0.1", "--kubeconfig", kubeconfig, "--timeout", "90s", "-o", "json", .. more];

        var (code, stdout, stderr) = await c.ImageRollAsync(Args(layout));
        Assert.True(code == 0, stderr + stdout);
        Assert.Equal($"image-registry.openshift-image-registry.svc:5000/shop/example@{digest}", Workloads.Image(c.Get(ResourceTypes.Deployments, "shop", "example")));
        // The one refusal: the cluster-scoped Image config, which a namespace's service account may not read (the stream names the registry).
        Assert.Equal(["/apis/config.openshift.io/v1/images/cluster"], c.Cluster.Requests.ResourceRequests.Where(r => r.StatusCode == 403).Select(r => r.Path).Distinct());
        Assert.Contains(c.Cluster.IntegratedRegistry!.Requests, l => l.StartsWith("PUT /v2/shop/example/manifests/latest 201 system:serviceaccount:shop:imageroll", StringComparison.Ordinal));

        // Without "update" on imagestreams/layers the service account may pull but not push.
        c.Store.Modify(ResourceTypes.Roles, "shop", "imageroll-release", role =>
            role["rules"]!.AsArray().OfType<JsonObject>().Single(r => r["resources"]!.AsArray().Any(x => (string?)x == "imagestreams/layers"))["verbs"] = new JsonArray("get"));
        var second = Layout(c, out var secondDigest);
        (code, stdout, _) = await c.ImageRollAsync(Args(second, "--dry-run"));
        Assert.Equal(3, code);
        var missing = Assert.Single(JsonNode.Parse(stdout)!["plan"]!["checks"]!.AsArray(), k => (bool)k!["passed"]! == false)!;
        Assert.Equal(("permission to push to shop/example in the integrated registry", ReleaseErrors.PermissionDenied), ((string?)missing["name"], (string?)missing["code"]));
        Assert.Contains("may not update imagestreams.image.openshift.io/layers in namespace shop", (string?)missing["message"], StringComparison.Ordinal);

        var before = c.Snapshot();
        var pushesBefore = c.Cluster.IntegratedRegistry.Requests.Count(l => !l.StartsWith("GET", StringComparison.Ordinal) && !l.StartsWith("HEAD", StringComparison.Ordinal));
        (code, stdout, stderr) = await c.ImageRollAsync(Args(second));
        Assert.Equal(3, code);
        Assert.Contains($"error {ReleaseErrors.PermissionDenied}: ", stderr, StringComparison.Ordinal);
        Assert.Equal(before, c.Snapshot());
        Assert.Equal(pushesBefore, c.Cluster.IntegratedRegistry.Requests.Count(l => !l.StartsWith("GET", StringComparison.Ordinal) && !l.StartsWith("HEAD", StringComparison.Ordinal)));
        Assert.NotEqual(secondDigest, (string?)c.Get(ResourceTypes.ImageStreams, "shop", "example")["status"]!["tags"]![0]!["items"]![0]!["image"]);
    }

    /// <summary>
    /// A Dockerfile to the integrated registry: the real Docker daemon builds it and pushes it to the host the cluster
    /// names with the kubeconfig's token (in X-Registry-Auth, never in a docker config), the push updates the stream,
    /// and the trigger rolls it out.
    /// </summary>
    [Fact]
    public async Task A_dockerfile_release_to_the_integrated_registry_is_pushed_by_the_daemon_with_the_kubeconfig_token()
    {
        await using var c = await NativeCluster.StartAsync(new SimulatorOptions { IntegratedRegistryBackend = TestServices.Registry });
        Shop(c);
        var context = Directory.CreateDirectory(Path.Combine(c.Dir, "context")).FullName;
        File.WriteAllText(Path.Combine(context, "Dockerfile"), $"ARG BASE_IMAGE\nFROM ${{BASE_IMAGE}}\nRUN echo {Guid.NewGuid():N} > /v\n");
        var home = Directory.CreateDirectory(Path.Combine(c.Dir, "home")).FullName;

        var result = await ImageRollCli.RunAsync(
            new Dictionary<string, string?> { ["HOME"] = home, ["DOCKER_HOST"] = TestServices.DockerHostUnix },
            "release", "--registry", "cluster", "--dockerfile", Path.Combine(context, "Dockerfile"), "--base-image", await Build.BaseImages.BusyboxAsync(),
            "--stream", "example:latest", "--trigger", "wait", "-n", "shop", "--insecure-registry", "127.0.0.1", "--insecure-registry", TestServices.Registry,
            "--kubeconfig", c.AdminKubeconfig, "--timeout", "2m", "-o", "json");

        result.EnsureSuccess();
        var doc = JsonNode.Parse(result.Stdout)!;
        var front = c.Cluster.IntegratedRegistry!.Host;
        var digest = ((string?)doc["digest"])!;
        Assert.Equal(($"{front}/shop/example@{digest}", $"image-registry.openshift-image-registry.svc:5000/shop/example@{digest}"), ((string?)doc["digestReference"], (string?)doc["pullSpec"]));
        Assert.Equal($"image-registry.openshift-image-registry.svc:5000/shop/example@{digest}", Workloads.Image(c.Get(ResourceTypes.Deployments, "shop", "example")));
        Assert.Contains(c.Cluster.IntegratedRegistry.Requests, l => l.StartsWith("PUT /v2/shop/example/manifests/latest 201 system:admin", StringComparison.Ordinal));
        Assert.Equal(digest, await Build.Skopeo.DigestAsync($"{TestServices.Registry}/{c.Cluster.IntegratedRegistry.Prefix}/shop/example:latest"));
        Assert.DoesNotContain(c.Cluster.AdminToken, result.Stdout + result.Stderr, StringComparison.Ordinal);
        Assert.False(Directory.Exists(Path.Combine(home, ".docker")), "nothing was written to a docker config");
        await ExternalTool.RunAsync("docker", ["rmi", $"{front}/shop/example:latest"], cancellationToken: TestContext.Current.CancellationToken);
    }

    /// <summary>Namespace shop: the stream example and the Deployment example following example:latest.</summary>
    internal static void Shop(NativeCluster c)
    {
        c.Namespace("shop");
        c.Create(ResourceTypes.ImageStreams, "shop", JsonNode.Parse("""{"apiVersion":"image.openshift.io/v1","kind":"ImageStream","metadata":{"name":"example"}}""")!.AsObject());
        c.Create(ResourceTypes.Deployments, "shop", Workloads.Deployment());
    }

    internal static string Layout(NativeCluster c, out string digest)
    {
        var layout = Path.Combine(c.Dir, $"layout-{Guid.NewGuid():N}");
        digest = new OciLayoutWriter(layout).WriteSmallImage(seed: Random.Shared.Next()).Digest;
        return layout;
    }
}
