using System.Net;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json.Nodes;
using ImageRoll.ClusterSimulator;
using ImageRoll.ClusterSimulator.Store;
using ImageRoll.IntegrationTests.Infrastructure;
using ImageRoll.IntegrationTests.Registry;

namespace ImageRoll.IntegrationTests.OpenShiftNative;

/// <summary>
/// The simulator's integrated registry as real clients see it: named by the Image config (read with kubectl),
/// answering only the cluster's tokens with openshift/image-registry's challenges, and a push by the real skopeo
/// updating the image stream's status as the real registry does.
/// </summary>
public sealed class IntegratedRegistryTests
{
    [Fact]
    public async Task A_skopeo_push_with_the_cluster_token_updates_the_stream_and_anything_else_is_challenged()
    {
        await using var c = await NativeCluster.StartAsync(new SimulatorOptions { IntegratedRegistryBackend = TestServices.Registry, DisabledControllers = ["kubelet"] });
        c.Namespace("shop");
        var front = c.Cluster.IntegratedRegistry!.Host;
        var external = (await c.KubectlAsync(null, "get", "images.config.openshift.io", "cluster", "-o", "jsonpath={.status.internalRegistryHostname} {.status.externalRegistryHostnames[0]}")).EnsureSuccess("kubectl get image config").Stdout;
        Assert.Equal($"image-registry.openshift-image-registry.svc:5000 {front}", external);

        using var http = new HttpClient();
        using var anonymous = await http.GetAsync($"http://{front}/v2/", TestContext.Current.CancellationToken);
        Assert.Equal(HttpStatusCode.Unauthorized, anonymous.StatusCode);
        Assert.Equal($"Bearer realm=\"http://{front}/openshift/token\"", anonymous.Headers.WwwAuthenticate.ToString());
        using var stranger = new HttpRequestMessage(HttpMethod.Get, $"http://{front}/v2/shop/web/tags/list");
        stranger.Headers.Authorization = new AuthenticationHeaderValue("Basic", Convert.ToBase64String(Encoding.UTF8.GetBytes("user:sha256~not-a-cluster-token")));
        using var refused = await http.SendAsync(stranger, TestContext.Current.CancellationToken);
        Assert.Equal(HttpStatusCode.Unauthorized, refused.StatusCode);
        Assert.Equal("Basic realm=openshift,error=\"access denied\"", refused.Headers.WwwAuthenticate.ToString());

        var layout = Path.Combine(c.Dir, "layout");
        var writer = new OciLayoutWriter(layout);
        writer.WriteSmallImage(seed: Random.Shared.Next());
        var noCredentials = await SkopeoCopyAsync(c, layout, $"{front}/shop/web:v1", authFile: null);
        Assert.NotEqual(0, noCredentials.ExitCode);
        Assert.Null(c.Store.Get(ResourceTypes.ImageStreams, "shop", "web"));

        var auth = Path.Combine(c.Dir, "auth.json");
        File.WriteAllText(auth, new JsonObject
        {
            ["auths"] = new JsonObject { [front] = new JsonObject { ["auth"] = Convert.ToBase64String(Encoding.UTF8.GetBytes("anything:" + c.Cluster.AdminToken)) } },
        }.ToJsonString());
        (await SkopeoCopyAsync(c, layout, $"{front}/shop/web:v1", auth)).EnsureSuccess("skopeo copy with the cluster token");
        var pushed = File.ReadAllText(Path.Combine(c.Dir, "digest")).Trim();

        var stream = c.Get(ResourceTypes.ImageStreams, "shop", "web");
        Assert.Equal($"{front}/shop/web", (string?)stream["status"]!["publicDockerImageRepository"]);
        var item = stream["status"]!["tags"]!.AsArray().Single(t => (string?)t!["tag"] == "v1")!["items"]![0]!;
        Assert.Equal(pushed, (string?)item["image"]);
        Assert.Equal($"image-registry.openshift-image-registry.svc:5000/shop/web@{pushed}", (string?)item["dockerImageReference"]);
        Assert.Null(stream["spec"]?["tags"]);
        var backend = await Build.Skopeo.DigestAsync($"{TestServices.Registry}/{c.Cluster.IntegratedRegistry.Prefix}/shop/web:v1");
        Assert.Equal(pushed, backend);
    }

    [Fact]
    public void The_simulator_host_runs_the_integrated_registry_in_front_of_the_registry_given()
    {
        var parsed = ClusterSimulator.Hosting.HostArguments.Parse(["--integrated-registry", "127.0.0.1:5000"]);
        Assert.Equal("127.0.0.1:5000", parsed.Options.IntegratedRegistryBackend);
        Assert.Null(ClusterSimulator.Hosting.HostArguments.Parse([]).Options.IntegratedRegistryBackend);
    }

    private static Task<ToolResult> SkopeoCopyAsync(NativeCluster c, string layout, string destination, string? authFile) =>
        ExternalTool.RunAsync("skopeo",
            ["copy", "--dest-tls-verify=false", "--digestfile", Path.Combine(c.Dir, "digest"), .. authFile is null ? Array.Empty<string>() : ["--dest-authfile", authFile], $"oci:{layout}", $"docker://{destination}"],
            environment: new Dictionary<string, string> { ["HOME"] = c.Dir }, cancellationToken: TestContext.Current.CancellationToken);
}
