using System.Text.Json.Nodes;
using ImageRoll.ClusterSimulator.Store;

namespace ImageRoll.IntegrationTests.Simulator;

/// <summary>The store's API-server semantics, without HTTP.</summary>
public sealed class StoreSemanticsTests
{
    private static ObjectStore NewStore(int history = 100)
    {
        var store = new ObjectStore(historyCapacity: history);
        store.Create(ResourceTypes.Namespaces, null, Obj("""{"metadata":{"name":"default"}}"""));
        return store;
    }

    private static JsonObject Obj(string json) => JsonNode.Parse(json)!.AsObject();

    private static JsonObject Deployment(string name = "web", int replicas = 1, string? labels = null) => Obj(
        """{"metadata":{"name":"NAME","labels":LABELS},"spec":{"replicas":REPLICAS,"template":{"spec":{"containers":[{"name":"web","image":"a"}]}}},"status":{"replicas":9}}"""
            .Replace("NAME", name, StringComparison.Ordinal).Replace("LABELS", labels ?? "{}", StringComparison.Ordinal)
            .Replace("REPLICAS", replicas.ToString(System.Globalization.CultureInfo.InvariantCulture), StringComparison.Ordinal));

    [Fact]
    public void Create_sets_uid_timestamps_resourceVersion_generation_and_resets_status()
    {
        var store = NewStore();
        var before = store.ResourceVersion;

        var created = store.Create(ResourceTypes.Deployments, "default", Deployment());

        Assert.Equal("apps/v1", Meta.Str(created["apiVersion"]));
        Assert.Equal("Deployment", Meta.Str(created["kind"]));
        Assert.True(Guid.TryParse(Meta.Uid(created), out _));
        Assert.Matches(@"^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ$", Meta.Str(created["metadata"]!["creationTimestamp"]));
        Assert.Equal((before + 1).ToString(System.Globalization.CultureInfo.InvariantCulture), Meta.ResourceVersion(created));
        Assert.Equal(1, Meta.Generation(created));
        Assert.Equal("{}", created["status"]!.ToJsonString());
        Assert.Null(store.Create(ResourceTypes.ConfigMaps, "default", Obj("""{"metadata":{"name":"c"},"data":{}}"""))["metadata"]!["generation"]);
    }

    [Fact]
    public void Create_in_a_missing_namespace_is_404_namespace_not_found()
    {
        var e = Assert.Throws<ApiException>(() => NewStore().Create(ResourceTypes.Deployments, "prod", Deployment()));

        Assert.Equal(404, e.Code);
        Assert.Equal("namespaces \"prod\" not found", e.Message);
    }

    [Fact]
    public void Create_twice_is_409_AlreadyExists_and_a_bad_name_is_422()
    {
        var store = NewStore();
        store.Create(ResourceTypes.Deployments, "default", Deployment());

        var duplicate = Assert.Throws<ApiException>(() => store.Create(ResourceTypes.Deployments, "default", Deployment()));
        var invalid = Assert.Throws<ApiException>(() => store.Create(ResourceTypes.Deployments, "default", Deployment("Bad_Name")));

        Assert.Equal((409, "AlreadyExists", "deployments.apps \"web\" already exists"), (duplicate.Code, duplicate.Reason, duplicate.Message));
        Assert.Equal((422, "Invalid"), (invalid.Code, invalid.Reason));
        Assert.StartsWith("Deployment.apps \"Bad_Name\" is invalid: metadata.name: Invalid value", invalid.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Generation_bumps_on_spec_changes_only()
    {
        var store = NewStore();
        store.Create(ResourceTypes.Deployments, "default", Deployment());

        var labelled = store.Modify(ResourceTypes.Deployments, "default", "web", d => d["metadata"]!["labels"] = new JsonObject { ["a"] = "b" });
        var statused = store.Modify(ResourceTypes.Deployments, "default", "web", d => d["status"] = new JsonObject { ["observedGeneration"] = 1 }, WriteScope.Status);
        var scaled = store.Modify(ResourceTypes.Deployments, "default", "web", d => d["spec"]!["replicas"] = 3);

        Assert.Equal(1, Meta.Generation(labelled));
        Assert.Equal(1, Meta.Generation(statused));
        Assert.Equal(2, Meta.Generation(scaled));
        Assert.True(long.Parse(Meta.ResourceVersion(scaled)!) > long.Parse(Meta.ResourceVersion(labelled)!));
    }

    [Fact]
    public void Update_with_a_stale_resourceVersion_is_409_Conflict_with_the_real_words()
    {
        var store = NewStore();
        var created = store.Create(ResourceTypes.Deployments, "default", Deployment());
        store.Modify(ResourceTypes.Deployments, "default", "web", d => d["spec"]!["replicas"] = 2);
        created["spec"]!["replicas"] = 5;

        var e = Assert.Throws<ApiException>(() => store.Update(ResourceTypes.Deployments, "default", created));

        Assert.Equal(409, e.Code);
        Assert.Equal("Conflict", e.Reason);
        Assert.Equal("Operation cannot be fulfilled on deployments.apps \"web\": the object has been modified; please apply your changes to the latest version and try again", e.Message);
        Assert.Equal("""{"name":"web","group":"apps","kind":"deployments"}""", e.Details!.ToJsonString());
    }

    [Fact]
    public void Main_endpoint_ignores_status_and_status_endpoint_ignores_spec()
    {
        var store = NewStore();
        var created = store.Create(ResourceTypes.Deployments, "default", Deployment());
        created["status"] = new JsonObject { ["replicas"] = 7 };
        created["spec"]!["replicas"] = 2;

        var main = store.Update(ResourceTypes.Deployments, "default", created.DeepClone().AsObject().Also(o => Meta.Of(o).Remove("resourceVersion")));
        var status = store.UpdateStatus(ResourceTypes.Deployments, "default", created.DeepClone().AsObject().Also(o => { Meta.Of(o).Remove("resourceVersion"); o["spec"]!["replicas"] = 99; }));

        Assert.Equal("{}", main["status"]!.ToJsonString());
        Assert.Equal(2, Meta.Long(main["spec"]!["replicas"]));
        Assert.Equal(7, Meta.Long(status["status"]!["replicas"]));
        Assert.Equal(2, Meta.Long(status["spec"]!["replicas"]));
    }

    [Fact]
    public void A_write_that_changes_nothing_keeps_the_resourceVersion()
    {
        var store = NewStore();
        var created = store.Create(ResourceTypes.Deployments, "default", Deployment());

        var (result, changed) = store.Write(ResourceTypes.Deployments, "default", "web", d => d);

        Assert.False(changed);
        Assert.Equal(Meta.ResourceVersion(created), Meta.ResourceVersion(result));
        Assert.Equal(long.Parse(Meta.ResourceVersion(created)!), store.ResourceVersion);
    }

    [Fact]
    public void Label_and_field_selectors_filter_lists()
    {
        var store = NewStore();
        store.Create(ResourceTypes.Deployments, "default", Deployment("a", labels: """{"app":"web","tier":"front"}"""));
        store.Create(ResourceTypes.Deployments, "default", Deployment("b", labels: """{"app":"web","tier":"back"}"""));
        store.Create(ResourceTypes.Deployments, "default", Deployment("c", labels: """{"app":"db"}"""));
        string Names(string? labels, string? fields = null) => string.Join(',', store.List(ResourceTypes.Deployments, "default",
            LabelSelector.Parse(labels), FieldSelector.Parse(fields, ResourceTypes.Deployments)).Items.Select(Meta.Name));

        Assert.Equal("a,b", Names("app=web"));
        Assert.Equal("a,b", Names("app==web"));
        Assert.Equal("b,c", Names("tier!=front"));
        Assert.Equal("a", Names("tier in (front, x)"));
        Assert.Equal("a,b", Names("app notin (db,zz)"));
        Assert.Equal("c", Names("app notin (web)"));
        Assert.Equal("a,b", Names("tier"));
        Assert.Equal("c", Names("!tier"));
        Assert.Equal("b", Names("app=web", "metadata.name=b"));
        Assert.Equal("a,c", Names(null, "metadata.name!=b"));
        Assert.Equal("", Names(null, "metadata.namespace=other"));
        Assert.Equal(400, Assert.Throws<ApiException>(() => Names(null, "spec.replicas=1")).Code);
        Assert.Equal(400, Assert.Throws<ApiException>(() => Names("a in (b")).Code);
    }

    [Fact]
    public void Delete_with_finalizers_sets_deletionTimestamp_until_the_last_finalizer_goes()
    {
        var store = NewStore();
        var obj = Deployment();
        obj["metadata"]!["finalizers"] = new JsonArray("example.com/hold");
        store.Create(ResourceTypes.Deployments, "default", obj);

        var deleting = store.Delete(ResourceTypes.Deployments, "default", "web");
        Assert.NotNull(deleting["metadata"]!["deletionTimestamp"]);
        Assert.NotNull(store.Get(ResourceTypes.Deployments, "default", "web"));

        store.Modify(ResourceTypes.Deployments, "default", "web", d => Meta.Of(d).Remove("finalizers"));
        Assert.Null(store.Get(ResourceTypes.Deployments, "default", "web"));
    }

    [Fact]
    public void Orphan_delete_strips_owner_references_from_dependents()
    {
        var store = NewStore();
        var owner = store.Create(ResourceTypes.Deployments, "default", Deployment());
        store.Create(ResourceTypes.ReplicaSets, "default", Obj("""{"metadata":{"name":"web-1"},"spec":{}}""").Also(r => r["metadata"]!["ownerReferences"] = new JsonArray(Meta.ControllerReference(owner))));

        store.Delete(ResourceTypes.Deployments, "default", "web", "Orphan");

        var rs = store.GetRequired(ResourceTypes.ReplicaSets, "default", "web-1");
        Assert.Null(rs["metadata"]!["ownerReferences"]);
    }
}
