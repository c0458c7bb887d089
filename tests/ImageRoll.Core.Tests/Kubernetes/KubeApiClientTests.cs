using System.Net;
using System.Text.Json.Nodes;
using ImageRoll.Kubernetes;
using ImageRoll.Kubernetes.Models;
using ImageRoll.OpenShift.Models;

namespace ImageRoll.Core.Tests.Kubernetes;

public class KubeApiClientTests
{
    private const string Deployment = """
        {"kind":"Deployment","apiVersion":"apps/v1","metadata":{"name":"web","namespace":"team","resourceVersion":"42","creationTimestamp":"2024-05-01T10:00:00Z",
         "managedFields":[{"manager":"kubectl","operation":"Update"}],"ownerReferences":[]},
         "spec":{"replicas":2,"template":{"spec":{"containers":[{"name":"web","image":"r/x@sha256:abc","futureField":{"a":[1,2]}}]}}},
         "status":{"observedGeneration":3,"conditions":null}}
        """;

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Get_sends_the_bearer_token_and_an_imageroll_user_agent_to_the_object_path()
    {
        var handler = new FakeKubeHandler().Respond(HttpStatusCode.OK, Deployment);
        using var client = KubeTestClients.Create(handler);

        var obj = await client.GetAsync<KubeObject>(ResourceKind.Deployments, null, "web", Ct);

        Assert.Equal("42", obj.Metadata.ResourceVersion);
        var req = Assert.Single(handler.Requests);
        Assert.Equal("/apis/apps/v1/namespaces/team/deployments/web", req.PathAndQuery);
        Assert.Equal("Bearer secret-token", req.Authorization);
        Assert.Matches(@"^imageroll/\d+\.\d+\.\d+\S* \(linux/(amd64|arm64)\) ", req.UserAgent);
    }

    [Fact]
    public async Task Create_writes_under_the_imageroll_field_manager_and_dry_run_all_when_asked()
    {
        var handler = new FakeKubeHandler().Respond(HttpStatusCode.Created, Deployment);
        using var client = KubeTestClients.Create(handler);
        var obj = new KubeObject { Metadata = new ObjectMeta { Name = "web" } };

        await client.CreateAsync(ResourceKind.Deployments, "prod", obj, new WriteOptions(DryRun: true), Ct);

        var req = Assert.Single(handler.Requests);
        Assert.Equal(HttpMethod.Post, req.Method);
        Assert.Equal("/apis/apps/v1/namespaces/prod/deployments?fieldManager=imageroll&dryRun=All", req.PathAndQuery);
        var body = JsonNode.Parse(req.Body!)!;
        Assert.Equal("Deployment", (string?)body["kind"]);
        Assert.Equal("apps/v1", (string?)body["apiVersion"]);
    }

    [Theory]
    [InlineData(PatchType.Merge, "application/merge-patch+json", false, "?fieldManager=imageroll")]
    [InlineData(PatchType.Json, "application/json-patch+json", false, "?fieldManager=imageroll")]
    [InlineData(PatchType.StrategicMerge, "application/strategic-merge-patch+json", true, "?fieldManager=imageroll")]
    [InlineData(PatchType.Apply, "application/apply-patch+yaml", false, "?fieldManager=imageroll")]
    [InlineData(PatchType.Apply, "application/apply-patch+yaml", true, "?fieldManager=imageroll&force=true")]
    public async Task Patch_sends_the_content_type_of_each_patch_type_and_force_only_for_apply(PatchType type, string contentType, bool force, string query)
    {
        var handler = new FakeKubeHandler().Respond(HttpStatusCode.OK, Deployment);
        using var client = KubeTestClients.Create(handler);

        await client.PatchAsync<KubeObject>(ResourceKind.Deployments, "team", "web", type, "{}", new WriteOptions(Force: force), Ct);

        var req = Assert.Single(handler.Requests);
        Assert.Equal(HttpMethod.Patch, req.Method);
        Assert.Equal(contentType, req.ContentType);
        Assert.Equal("/apis/apps/v1/namespaces/team/deployments/web" + query, req.PathAndQuery);
    }

    [Fact]
    public async Task Unknown_fields_survive_a_get_then_replace_round_trip()
    {
        var handler = new FakeKubeHandler().Respond(HttpStatusCode.OK, Deployment).Respond(HttpStatusCode.OK, Deployment);
        using var client = KubeTestClients.Create(handler);

        var obj = await client.GetAsync<KubeObject>(ResourceKind.Deployments, "team", "web", Ct);
        await client.ReplaceAsync(ResourceKind.Deployments, "team", obj, null, Ct);

        var put = handler.Requests[1];
        Assert.Equal(HttpMethod.Put, put.Method);
        Assert.Equal("/apis/apps/v1/namespaces/team/deployments/web?fieldManager=imageroll", put.PathAndQuery);
        var expected = JsonNode.Parse(Deployment)!;
        var sent = JsonNode.Parse(put.Body!)!;
        Assert.True(JsonNode.DeepEquals(expected, sent), $"sent:\n{sent}\nexpected:\n{expected}");
    }

    [Fact]
    public async Task Null_items_in_a_list_read_as_an_empty_list()
    {
        var handler = new FakeKubeHandler().Respond(HttpStatusCode.OK, """{"kind":"PodList","apiVersion":"v1","metadata":{"resourceVersion":"7"},"items":null}""");
        using var client = KubeTestClients.Create(handler);

        var list = await client.ListAsync<KubeObject>(ResourceKind.Pods, "team", new ListOptions(LabelSelector: "app=web,tier in (a,b)"), Ct);

        Assert.Empty(list.Items);
        Assert.Equal("7", list.Metadata.ResourceVersion);
        Assert.Equal("/api/v1/namespaces/team/pods?labelSelector=app%3Dweb%2Ctier%20in%20%28a%2Cb%29", handler.Requests[0].PathAndQuery);
    }

    [Fact]
    public async Task Delete_sends_background_propagation_and_an_empty_namespace_lists_all_namespaces()
    {
        var handler = new FakeKubeHandler()
            .Respond(HttpStatusCode.OK, """{"kind":"Status","status":"Success"}""")
            .Respond(HttpStatusCode.OK, """{"items":[]}""");
        using var client = KubeTestClients.Create(handler);

        await client.DeleteAsync(ResourceKind.Deployments, "team", "web", Ct);
        await client.ListAsync<KubeObject>(ResourceKind.Deployments, "", null, Ct);

        Assert.Equal(HttpMethod.Delete, handler.Requests[0].Method);
        Assert.Equal("Background", (string?)JsonNode.Parse(handler.Requests[0].Body!)!["propagationPolicy"]);
        Assert.Equal("/apis/apps/v1/deployments", handler.Requests[1].PathAndQuery);
    }

    [Fact]
    public async Task Discovery_answers_served_group_versions_and_is_asked_once()
    {
        var handler = new FakeKubeHandler()
            .Respond(HttpStatusCode.OK, """{"kind":"APIVersions","versions":["v1"]}""")
            .Respond(HttpStatusCode.OK, """{"kind":"APIGroupList","groups":[{"name":"apps","versions":[{"groupVersion":"apps/v1","version":"v1"}]},{"name":"image.openshift.io","versions":[{"groupVersion":"image.openshift.io/v1","version":"v1"}]}]}""");
        using var client = KubeTestClients.Create(handler);

        Assert.True(await client.ServesAsync("image.openshift.io/v1", Ct));
        Assert.True(await client.ServesAsync("v1", Ct));
        Assert.False(await client.ServesAsync("apps.openshift.io/v1", Ct));
        Assert.Equal(["/api", "/apis"], handler.Requests.Select(r => r.PathAndQuery));
    }

    [Fact]
    public async Task Subresource_post_goes_to_the_subresource_path()
    {
        var handler = new FakeKubeHandler().Respond(HttpStatusCode.Created, """{"kind":"DeploymentConfig","apiVersion":"apps.openshift.io/v1","metadata":{"name":"app"}}""");
        using var client = KubeTestClients.Create(handler);

        var dc = await client.PostSubresourceAsync<KubeObject>(ResourceKind.DeploymentConfigs, "team", "app", "instantiate",
            new DeploymentRequest { Name = "app" }, Ct);

        Assert.Equal("app", dc.Metadata.Name);
        Assert.Equal("/apis/apps.openshift.io/v1/namespaces/team/deploymentconfigs/app/instantiate", handler.Requests[0].PathAndQuery);
        Assert.Equal("DeploymentRequest", (string?)JsonNode.Parse(handler.Requests[0].Body!)!["kind"]);
    }

    [Fact]
    public async Task A_server_url_with_a_path_prefix_keeps_it_for_every_request()
    {
        using var fx = new KubeconfigFixture();
        var path = fx.Write("config", KubeconfigFixture.Simple("token: t", server: "https://rancher.example/k8s/clusters/c-1"));
        var handler = new FakeKubeHandler().Respond(HttpStatusCode.OK, Deployment);
        using var client = new KubeApiClient(fx.Load(path), handler);

        await client.GetAsync<KubeObject>(ResourceKind.Deployments, "team", "web", Ct);

        Assert.Equal("https://rancher.example/k8s/clusters/c-1/apis/apps/v1/namespaces/team/deployments/web", handler.Requests[0].Uri.AbsoluteUri);
    }
}
