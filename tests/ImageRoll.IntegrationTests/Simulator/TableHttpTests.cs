using System.Net;
using System.Text.Json.Nodes;
using ImageRoll.ClusterSimulator.Store;

namespace ImageRoll.IntegrationTests.Simulator;

/// <summary>
/// The Table form and watch start on the wire, as k8s.io/apiserver serves them: column definitions with name, type,
/// format, description and priority; rows with cells and the object per includeObject; watch response headers
/// flushed before any event; Table watch events with the column definitions only in the first.
/// </summary>
public sealed class TableHttpTests : IClassFixture<SimulatorFixture>
{
    private const string TableV1 = "application/json;as=Table;v=v1;g=meta.k8s.io";
    private const string KubectlAccept = "application/json;as=Table;v=v1;g=meta.k8s.io,application/json;as=Table;v=v1beta1;g=meta.k8s.io,application/json";
    private readonly SimulatorFixture _fixture;

    public TableHttpTests(SimulatorFixture fixture)
    {
        _fixture = fixture;
    }

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task A_list_as_Table_has_the_printer_columns_and_rows_with_partial_object_metadata()
    {
        var ns = _fixture.NewNamespace("tbl");
        TableSamples.Seed(_fixture.Cluster.Store, ns);

        var table = await GetAsync($"/apis/apps/v1/namespaces/{ns}/deployments?limit=500", KubectlAccept);

        Assert.Equal("Table", Meta.Str(table["kind"]));
        Assert.Equal("meta.k8s.io/v1", Meta.Str(table["apiVersion"]));
        Assert.False(string.IsNullOrEmpty(Meta.Str(table["metadata"]!["resourceVersion"])));
        var columns = table["columnDefinitions"]!.AsArray().Select(c => c!.AsObject()).ToList();
        Assert.Equal(["Name", "Ready", "Up-to-date", "Available", "Age", "Containers", "Images", "Selector"], columns.Select(c => Meta.Str(c["name"])));
        Assert.Equal(["name", "", "", "", "", "", "", ""], columns.Select(c => Meta.Str(c["format"])));
        Assert.Equal([0L, 0, 0, 0, 0, 1, 1, 1], columns.Select(c => Meta.Long(c["priority"]) ?? -1));
        Assert.All(columns, c => Assert.Equal("string", Meta.Str(c["type"])));
        Assert.StartsWith("Name must be unique within a namespace.", Meta.Str(columns[0]["description"]), StringComparison.Ordinal);
        var row = Assert.Single(table["rows"]!.AsArray())!.AsObject();
        var cells = row["cells"]!.AsArray();
        Assert.Equal("web", Meta.Str(cells[0]));
        Assert.Equal("2/3", Meta.Str(cells[1]));
        Assert.Equal(3, Meta.Long(cells[2]));
        Assert.Equal("app=web", Meta.Str(cells[7]));
        Assert.Equal("PartialObjectMetadata", Meta.Str(row["object"]!["kind"]));
        Assert.Equal("meta.k8s.io/v1", Meta.Str(row["object"]!["apiVersion"]));
        Assert.Equal("web", Meta.Str(row["object"]!["metadata"]!["name"]));
        Assert.Null(row["object"]!["spec"]);
    }

    [Theory]
    [InlineData("Object", "Deployment")]
    [InlineData("None", null)]
    [InlineData("Metadata", "PartialObjectMetadata")]
    public async Task IncludeObject_chooses_what_each_row_carries(string includeObject, string? kind)
    {
        var ns = _fixture.NewNamespace("incl");
        TableSamples.Seed(_fixture.Cluster.Store, ns);

        var table = await GetAsync($"/apis/apps/v1/namespaces/{ns}/deployments/web?includeObject={includeObject}", TableV1);

        var row = Assert.Single(table["rows"]!.AsArray())!.AsObject();
        Assert.Equal(kind, Meta.Str(row["object"]?["kind"]));
        Assert.Equal(kind == "Deployment", row["object"]?["spec"] is not null);
    }

    [Fact]
    public async Task A_v1beta1_Table_and_a_bad_includeObject_are_answered_as_the_real_server_does()
    {
        var ns = _fixture.NewNamespace("beta");
        TableSamples.Seed(_fixture.Cluster.Store, ns);
        using var client = _fixture.Cluster.CreateHttpClient();

        var beta = await GetAsync($"/api/v1/namespaces/{ns}/pods", "application/json;as=Table;v=v1beta1;g=meta.k8s.io");
        using var bad = await Send(client, $"/apis/apps/v1/namespaces/{ns}/deployments?includeObject=Everything", TableV1);
        var plain = await GetAsync($"/apis/apps/v1/namespaces/{ns}/deployments", "application/json");

        Assert.Equal("meta.k8s.io/v1beta1", Meta.Str(beta["apiVersion"]));
        Assert.Equal(HttpStatusCode.BadRequest, bad.StatusCode);
        Assert.Equal("unrecognized includeObject value: \"Everything\"", Meta.Str(JsonNode.Parse(await bad.Content.ReadAsStringAsync(Ct))!["message"]));
        Assert.Equal("DeploymentList", Meta.Str(plain["kind"]));
    }

    [Fact]
    public async Task A_watch_sends_its_headers_before_the_first_event()
    {
        var ns = _fixture.NewNamespace("hdr");
        var store = _fixture.Cluster.Store;
        using var client = _fixture.Cluster.CreateHttpClient();

        // Nothing changes in the namespace, so no event is due: the headers alone must arrive (client-go's watch,
        // and with it kubectl rollout status --watch=false, waits for them). The deadline is generous; without the
        // flush they would come only with the first event, after this test's 60 s watch timeout.
        using var response = await Send(client, $"/apis/apps/v1/namespaces/{ns}/deployments?watch=true&resourceVersion={store.ResourceVersion}&timeoutSeconds=60", "application/json")
            .WaitAsync(TimeSpan.FromSeconds(20), Ct);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("application/json", response.Content.Headers.ContentType?.MediaType);
        await using var body = await response.Content.ReadAsStreamAsync(Ct);
        using var reader = new StreamReader(body);
        var read = reader.ReadLineAsync(Ct).AsTask();
        Assert.False(read.IsCompleted);
        TableSamples.Seed(store, ns);
        var first = JsonNode.Parse((await read.WaitAsync(TimeSpan.FromSeconds(20), Ct))!)!;
        Assert.Equal("ADDED", Meta.Str(first["type"]));
        Assert.Equal("web", Meta.Str(first["object"]!["metadata"]!["name"]));
    }

    [Fact]
    public async Task A_watch_as_Table_sends_one_row_tables_with_column_definitions_only_first()
    {
        var ns = _fixture.NewNamespace("wtbl");
        var store = _fixture.Cluster.Store;
        TableSamples.Seed(store, ns);
        using var client = _fixture.Cluster.CreateHttpClient();

        using var response = await Send(client, $"/apis/apps/v1/namespaces/{ns}/deployments?watch=true&timeoutSeconds=60", KubectlAccept);
        await using var body = await response.Content.ReadAsStreamAsync(Ct);
        using var reader = new StreamReader(body);
        var added = JsonNode.Parse((await reader.ReadLineAsync(Ct).AsTask().WaitAsync(TimeSpan.FromSeconds(20), Ct))!)!;
        store.Modify(ResourceTypes.Deployments, ns, "web", d => d["spec"]!["replicas"] = 5);
        var modified = JsonNode.Parse((await reader.ReadLineAsync(Ct).AsTask().WaitAsync(TimeSpan.FromSeconds(20), Ct))!)!;

        Assert.Equal("ADDED", Meta.Str(added["type"]));
        Assert.Equal("Table", Meta.Str(added["object"]!["kind"]));
        Assert.Equal(8, added["object"]!["columnDefinitions"]!.AsArray().Count);
        Assert.Equal("MODIFIED", Meta.Str(modified["type"]));
        Assert.Null(modified["object"]!["columnDefinitions"]);
        Assert.Equal("2/5", Meta.Str(Assert.Single(modified["object"]!["rows"]!.AsArray())!["cells"]![1]));
    }

    private async Task<JsonObject> GetAsync(string path, string accept)
    {
        using var client = _fixture.Cluster.CreateHttpClient();
        using var response = await Send(client, path, accept);
        var text = await response.Content.ReadAsStringAsync(Ct);
        Assert.True(response.StatusCode == HttpStatusCode.OK, $"{path}: {(int)response.StatusCode} {text}");
        return JsonNode.Parse(text)!.AsObject();
    }

    private static Task<HttpResponseMessage> Send(HttpClient client, string path, string accept)
    {
        var request = new HttpRequestMessage(HttpMethod.Get, path);
        request.Headers.TryAddWithoutValidation("Accept", accept);
        return client.SendAsync(request, HttpCompletionOption.ResponseHeadersRead, Ct);
    }
}
