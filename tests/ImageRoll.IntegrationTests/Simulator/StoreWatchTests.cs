using System.Text.Json.Nodes;
using ImageRoll.ClusterSimulator.Store;

namespace ImageRoll.IntegrationTests.Simulator;

/// <summary>Watch replay, expiry, selectors and bookmarks of the store.</summary>
public sealed class StoreWatchTests
{
    private static ObjectStore NewStore(int history = 100)
    {
        var store = new ObjectStore(historyCapacity: history);
        store.Create(ResourceTypes.Namespaces, null, JsonNode.Parse("""{"metadata":{"name":"default"}}""")!.AsObject());
        return store;
    }

    private static JsonObject ConfigMap(string name, string app = "web") =>
        JsonNode.Parse($$$"""{"metadata":{"name":"{{{name}}}","labels":{"app":"{{{app}}}"}},"data":{"k":"v"}}""")!.AsObject();

    private static List<StoreEvent> Drain(StoreWatch watch)
    {
        var events = new List<StoreEvent>();
        while (watch.TryRead(out var e))
        {
            events.Add(e!);
        }

        return events;
    }

    [Fact]
    public void Watch_from_a_resourceVersion_replays_later_changes_in_order()
    {
        var store = NewStore();
        store.Create(ResourceTypes.ConfigMaps, "default", ConfigMap("a"));
        var from = store.ResourceVersion;
        store.Create(ResourceTypes.ConfigMaps, "default", ConfigMap("b"));
        store.Modify(ResourceTypes.ConfigMaps, "default", "a", c => c["data"]!["k"] = "w");
        store.Delete(ResourceTypes.ConfigMaps, "default", "b");

        using var watch = store.Watch(new WatchRequest { Types = [ResourceTypes.ConfigMaps], ResourceVersion = from });
        var events = Drain(watch);

        Assert.Equal(["ADDED b", "MODIFIED a", "DELETED b"], events.Select(e => $"{e.Type} {e.Name}"));
        Assert.Equal(events.Select(e => e.ResourceVersion).Order(), events.Select(e => e.ResourceVersion));
        Assert.Equal(store.ResourceVersion.ToString(System.Globalization.CultureInfo.InvariantCulture), Meta.ResourceVersion(events[^1].Object));
    }

    [Fact]
    public void Watch_without_resourceVersion_starts_with_ADDED_for_existing_objects_then_follows()
    {
        var store = NewStore();
        store.Create(ResourceTypes.ConfigMaps, "default", ConfigMap("a"));
        using var watch = store.Watch(WatchRequest.For(ResourceTypes.ConfigMaps));
        store.Create(ResourceTypes.ConfigMaps, "default", ConfigMap("b"));

        Assert.Equal(["ADDED a", "ADDED b"], Drain(watch).Select(e => $"{e.Type} {e.Name}"));
    }

    [Fact]
    public void Watch_from_a_version_older_than_the_history_is_410_Expired()
    {
        var store = NewStore(history: 3);
        var from = store.ResourceVersion;
        for (var i = 0; i < 5; i++)
        {
            store.Create(ResourceTypes.ConfigMaps, "default", ConfigMap("c" + i));
        }

        var e = Assert.Throws<ApiException>(() => store.Watch(new WatchRequest { ResourceVersion = from }));

        Assert.Equal((410, "Expired"), (e.Code, e.Reason));
        Assert.Matches(@"^too old resource version: \d+ \(\d+\)$", e.Message);
        Assert.StartsWith($"too old resource version: {from} (", e.Message, StringComparison.Ordinal);
        using var recent = store.Watch(new WatchRequest { ResourceVersion = store.ResourceVersion - 2 });
        Assert.Equal(2, Drain(recent).Count);
    }

    [Fact]
    public void Objects_leaving_a_label_selector_arrive_as_DELETED_and_entering_as_ADDED()
    {
        var store = NewStore();
        store.Create(ResourceTypes.ConfigMaps, "default", ConfigMap("a"));
        using var watch = store.Watch(new WatchRequest { Types = [ResourceTypes.ConfigMaps], ResourceVersion = store.ResourceVersion, LabelSelector = LabelSelector.Parse("app=web") });

        store.Modify(ResourceTypes.ConfigMaps, "default", "a", c => c["metadata"]!["labels"]!["app"] = "db");
        store.Modify(ResourceTypes.ConfigMaps, "default", "a", c => c["data"]!["k"] = "x");
        store.Modify(ResourceTypes.ConfigMaps, "default", "a", c => c["metadata"]!["labels"]!["app"] = "web");

        Assert.Equal(["DELETED", "ADDED"], Drain(watch).Select(e => e.Type));
    }

    [Fact]
    public void Bookmarks_carry_the_current_resourceVersion_after_queued_events()
    {
        var store = NewStore();
        using var watch = store.Watch(new WatchRequest { Types = [ResourceTypes.Deployments], ResourceVersion = store.ResourceVersion });
        store.Create(ResourceTypes.ConfigMaps, "default", ConfigMap("ignored"));

        watch.RequestBookmark();
        var events = Drain(watch);

        var bookmark = Assert.Single(events);
        Assert.Equal("BOOKMARK", bookmark.Type);
        Assert.Equal("Deployment", Meta.Str(bookmark.Object["kind"]));
        Assert.Equal(store.ResourceVersion.ToString(System.Globalization.CultureInfo.InvariantCulture), Meta.ResourceVersion(bookmark.Object));
    }

    [Fact]
    public void Each_watcher_gets_its_own_copy_of_the_object()
    {
        var store = NewStore();
        using var one = store.Watch(new WatchRequest { ResourceVersion = store.ResourceVersion });
        using var two = store.Watch(new WatchRequest { ResourceVersion = store.ResourceVersion });
        store.Create(ResourceTypes.ConfigMaps, "default", ConfigMap("a"));

        var first = Drain(one).Single().Object;
        first["data"]!["k"] = "mutated";

        Assert.Equal("v", Meta.Str(Drain(two).Single().Object["data"]!["k"]));
        Assert.Equal("v", Meta.Str(store.GetRequired(ResourceTypes.ConfigMaps, "default", "a")["data"]!["k"]));
    }
}
