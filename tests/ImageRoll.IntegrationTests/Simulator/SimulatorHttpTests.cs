using System.Net;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json.Nodes;
using ImageRoll.ClusterSimulator;
using ImageRoll.ClusterSimulator.Store;

namespace ImageRoll.IntegrationTests.Simulator;

/// <summary>The simulator's HTTP API directly: watch streaming, image stream tags, instantiate, faults, paging, auth.</summary>
public sealed class SimulatorHttpTests : IClassFixture<SimulatorFixture>
{
    private readonly SimulatorFixture _fixture;

    public SimulatorHttpTests(SimulatorFixture fixture)
    {
        _fixture = fixture;
    }

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private static StringContent Json(string json, string type = "application/json") => new(json, Encoding.UTF8, type);

    private static async Task<JsonObject> ReadAsync(HttpResponseMessage response) =>
        JsonNode.Parse(await response.Content.ReadAsStringAsync(Ct))!.AsObject();

    [Fact]
    public async Task Watch_streams_newline_delimited_events_from_a_resourceVersion_and_closes_after_timeoutSeconds()
    {
        var ns = _fixture.NewNamespace("watch");
        var store = _fixture.Cluster.Store;
        store.Create(ResourceTypes.ConfigMaps, ns, JsonNode.Parse("""{"metadata":{"name":"a"}}""")!.AsObject());
        var from = store.ResourceVersion;
        store.Modify(ResourceTypes.ConfigMaps, ns, "a", c => c["data"] = new JsonObject { ["k"] = "v" });
        store.Delete(ResourceTypes.ConfigMaps, ns, "a");
        using var client = _fixture.Cluster.CreateHttpClient();

        using var response = await client.GetAsync($"/api/v1/namespaces/{ns}/configmaps?watch=true&resourceVersion={from}&timeoutSeconds=1", HttpCompletionOption.ResponseHeadersRead, Ct);
        var body = await response.Content.ReadAsStringAsync(Ct);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("chunked", string.Join(',', response.Headers.TransferEncoding.Select(t => t.Value)));
        var events = body.Split('\n', StringSplitOptions.RemoveEmptyEntries).Select(l => JsonNode.Parse(l)!).ToList();
        Assert.Equal(["MODIFIED", "DELETED"], events.Select(e => Meta.Str(e["type"])));
        Assert.All(events, e => Assert.Equal("ConfigMap", Meta.Str(e["object"]!["kind"])));
        Assert.All(events, e => Assert.Equal("v1", Meta.Str(e["object"]!["apiVersion"])));
    }

    [Fact]
    public async Task Watch_from_an_expired_resourceVersion_answers_one_ERROR_event_with_410_Expired()
    {
        await using var cluster = await SimulatedCluster.StartAsync(new SimulatorOptions { Https = false }, Ct);
        var old = cluster.Store.ResourceVersion;
        cluster.Store.Create(ResourceTypes.ConfigMaps, "default", JsonNode.Parse("""{"metadata":{"name":"a"}}""")!.AsObject());
        cluster.Store.CompactHistory();
        using var client = cluster.CreateHttpClient();

        var body = await client.GetStringAsync($"/api/v1/namespaces/default/configmaps?watch=true&resourceVersion={old}", Ct);

        var line = Assert.Single(body.Split('\n', StringSplitOptions.RemoveEmptyEntries));
        Assert.Equal(
            $$$"""{"type":"ERROR","object":{"kind":"Status","apiVersion":"v1","metadata":{},"status":"Failure","message":"too old resource version: {{{old}}} ({{{cluster.Store.ResourceVersion}}})","reason":"Expired","code":410}}""",
            line);
    }

    [Fact]
    public async Task Watch_with_allowWatchBookmarks_receives_BOOKMARK_events()
    {
        await using var cluster = await SimulatedCluster.StartAsync(new SimulatorOptions { Https = false, BookmarkInterval = TimeSpan.FromMilliseconds(100) }, Ct);
        using var client = cluster.CreateHttpClient();
        var rv = cluster.Store.ResourceVersion;

        var body = await client.GetStringAsync($"/apis/apps/v1/namespaces/default/deployments?watch=true&allowWatchBookmarks=true&resourceVersion={rv}&timeoutSeconds=1", Ct);

        var events = body.Split('\n', StringSplitOptions.RemoveEmptyEntries).Select(l => JsonNode.Parse(l)!).ToList();
        Assert.NotEmpty(events);
        Assert.All(events, e => Assert.Equal("BOOKMARK", Meta.Str(e["type"])));
        Assert.Equal("Deployment", Meta.Str(events[0]["object"]!["kind"]));
        var podSpec = events[0]["object"]!["spec"]!["template"]!["spec"]!.AsObject();
        Assert.True(podSpec.ContainsKey("containers") && podSpec["containers"] is null, "a real bookmark carries \"containers\":null");
        Assert.Equal(rv.ToString(System.Globalization.CultureInfo.InvariantCulture), Meta.Str(events[0]["object"]!["metadata"]!["resourceVersion"]));
    }

    [Fact]
    public async Task ImageStreamTag_put_creates_the_stream_post_duplicates_conflict_and_delete_removes_the_tag()
    {
        var ns = _fixture.NewNamespace("istag");
        using var client = _fixture.Cluster.CreateHttpClient();
        const string Tag = """
            {"kind":"ImageStreamTag","apiVersion":"image.openshift.io/v1","metadata":{"name":"app:v1","namespace":"NS"},
             "tag":{"name":"v1","from":{"kind":"DockerImage","name":"127.0.0.1:5000/apps/app@sha256:aaaa"},"generation":0,
                    "importPolicy":{"scheduled":false,"importMode":"Legacy"},"referencePolicy":{"type":"Source"}}}
            """;
        var url = $"/apis/image.openshift.io/v1/namespaces/{ns}/imagestreamtags";

        using var put = await client.PutAsync($"{url}/app:v1", Json(Tag.Replace("NS", ns, StringComparison.Ordinal)), Ct);
        using var post = await client.PostAsync(url, Json(Tag.Replace("NS", ns, StringComparison.Ordinal)), Ct);
        var stream = _fixture.Cluster.Store.GetRequired(ResourceTypes.ImageStreams, ns, "app");
        using var get = await client.GetAsync($"{url}/app:v1", Ct);
        using var delete = await client.DeleteAsync($"{url}/app:v1", Ct);
        using var gone = await client.GetAsync($"{url}/app:v1", Ct);

        Assert.Equal(HttpStatusCode.Created, put.StatusCode);
        Assert.Equal(HttpStatusCode.Conflict, post.StatusCode);
        Assert.Equal("imagestreamtags.image.openshift.io \"app:v1\" already exists", Meta.Str((await ReadAsync(post))["message"]));
        var specTag = stream["spec"]!["tags"]![0]!;
        Assert.Equal("127.0.0.1:5000/apps/app@sha256:aaaa", Meta.Str(specTag["from"]!["name"]));
        Assert.Equal(1, Meta.Long(specTag["generation"]));
        var istag = await ReadAsync(get);
        Assert.Equal("app:v1", Meta.Name(istag));
        Assert.Equal("DockerImage", Meta.Str(istag["tag"]!["from"]!["kind"]));
        Assert.Equal(HttpStatusCode.OK, delete.StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, gone.StatusCode);
        Assert.Equal("imagestreamtags.image.openshift.io \"app:v1\" not found", Meta.Str((await ReadAsync(gone))["message"]));
    }

    [Fact]
    public async Task Injected_faults_answer_in_the_real_words_and_requests_are_logged()
    {
        var ns = _fixture.NewNamespace("faults");
        using var client = _fixture.Cluster.CreateHttpClient();
        var fault = _fixture.Cluster.Faults.Add("PUT", $"/namespaces/{ns}/imagestreamtags/", 405);
        _fixture.Cluster.Faults.Add("POST", $"/namespaces/{ns}/imagestreamtags$", 403);
        var url = $"/apis/image.openshift.io/v1/namespaces/{ns}/imagestreamtags";
        var body = """{"metadata":{"name":"app:v1","namespace":"NS"},"tag":{"from":{"kind":"DockerImage","name":"r/a@sha256:b"}}}""".Replace("NS", ns, StringComparison.Ordinal);

        using var put = await client.PutAsync($"{url}/app:v1", Json(body), Ct);
        using var post = await client.PostAsync(url, Json(body), Ct);
        using var retry = await client.PutAsync($"{url}/app:v1", Json(body), Ct);

        Assert.Equal(HttpStatusCode.MethodNotAllowed, put.StatusCode);
        Assert.Equal("MethodNotAllowed", Meta.Str((await ReadAsync(put))["reason"]));
        Assert.Equal(
            $"imagestreamtags.image.openshift.io is forbidden: User \"system:admin\" cannot create resource \"imagestreamtags\" in API group \"image.openshift.io\" in the namespace \"{ns}\"",
            Meta.Str((await ReadAsync(post))["message"]));
        Assert.Equal(HttpStatusCode.Created, retry.StatusCode);
        Assert.Equal(1, fault.Hits);
        var logged = _fixture.Cluster.Requests.All.Where(r => r.Path.StartsWith(url, StringComparison.Ordinal)).ToList();
        Assert.Equal([("PUT", 405), ("POST", 403), ("PUT", 201)], logged.Select(r => (r.Method, r.StatusCode)));
        Assert.Equal(body, logged[0].Body);
    }

    [Fact]
    public async Task Instantiate_bumps_latestVersion_with_a_manual_cause()
    {
        var ns = _fixture.NewNamespace("dc");
        _fixture.Cluster.Store.Create(ResourceTypes.DeploymentConfigs, ns, JsonNode.Parse("""{"metadata":{"name":"x"},"spec":{"replicas":1,"triggers":[]}}""")!.AsObject());
        using var client = _fixture.Cluster.CreateHttpClient();

        using var response = await client.PostAsync($"/apis/apps.openshift.io/v1/namespaces/{ns}/deploymentconfigs/x/instantiate",
            Json("""{"kind":"DeploymentRequest","apiVersion":"apps.openshift.io/v1","name":"x","latest":true,"force":true}"""), Ct);

        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        var dc = await ReadAsync(response);
        Assert.Equal(1, Meta.Long(dc["status"]!["latestVersion"]));
        Assert.Equal("Manual", Meta.Str(dc["status"]!["details"]!["causes"]![0]!["type"]));
    }

    [Fact]
    public async Task List_pages_with_limit_and_continue_and_items_carry_no_kind()
    {
        var ns = _fixture.NewNamespace("page");
        foreach (var n in new[] { "a", "b", "c" })
        {
            _fixture.Cluster.Store.Create(ResourceTypes.ConfigMaps, ns, JsonNode.Parse($$$"""{"metadata":{"name":"{{{n}}}"}}""")!.AsObject());
        }

        using var client = _fixture.Cluster.CreateHttpClient();
        var first = JsonNode.Parse(await client.GetStringAsync($"/api/v1/namespaces/{ns}/configmaps?limit=2", Ct))!;
        var next = JsonNode.Parse(await client.GetStringAsync($"/api/v1/namespaces/{ns}/configmaps?limit=2&continue={Uri.EscapeDataString(Meta.Str(first["metadata"]!["continue"])!)}", Ct))!;

        Assert.Equal("ConfigMapList", Meta.Str(first["kind"]));
        Assert.Equal(["a", "b"], first["items"]!.AsArray().Select(i => Meta.Name(i!.AsObject())));
        Assert.Equal(1, Meta.Long(first["metadata"]!["remainingItemCount"]));
        Assert.Null(first["items"]![0]!["kind"]);
        Assert.Equal(["c"], next["items"]!.AsArray().Select(i => Meta.Name(i!.AsObject())));
        Assert.Null(next["metadata"]!["continue"]);
    }

    [Fact]
    public async Task Https_requires_a_known_bearer_token_but_version_is_public()
    {
        using var anonymous = _fixture.Cluster.CreateHttpClient();
        anonymous.DefaultRequestHeaders.Authorization = null;
        using var expired = _fixture.Cluster.CreateHttpClient(_fixture.Cluster.ExpiredToken);

        using var noToken = await anonymous.GetAsync("/api/v1/namespaces", Ct);
        using var badToken = await expired.GetAsync("/api/v1/namespaces", Ct);
        var version = JsonNode.Parse(await anonymous.GetStringAsync("/version", Ct))!;
        using var openapiV2 = await _fixture.Cluster.CreateHttpClient().GetAsync("/openapi/v2", Ct);

        Assert.Equal(HttpStatusCode.Unauthorized, noToken.StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, badToken.StatusCode);
        Assert.Equal("""{"kind":"Status","apiVersion":"v1","metadata":{},"status":"Failure","message":"Unauthorized","reason":"Unauthorized","code":401}""",
            await badToken.Content.ReadAsStringAsync(Ct));
        Assert.Equal("31", Meta.Str(version["minor"]));
        Assert.Equal(HttpStatusCode.NotFound, openapiV2.StatusCode);
        Assert.Equal(new MediaTypeHeaderValue("application/json"), noToken.Content.Headers.ContentType);
    }
}
