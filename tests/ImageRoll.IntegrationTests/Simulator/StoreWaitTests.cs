using System.Text.Json.Nodes;
using ImageRoll.ClusterSimulator.Store;

namespace ImageRoll.IntegrationTests.Simulator;

/// <summary>ObjectStore.WaitForAsync: waiting on store events with a deadline.</summary>
public sealed class StoreWaitTests
{
    [Fact]
    public async Task WaitFor_returns_once_a_later_write_satisfies_the_condition_and_times_out_naming_the_object()
    {
        var store = new ObjectStore();
        store.Create(ResourceTypes.Namespaces, null, JsonNode.Parse("""{"metadata":{"name":"default"}}""")!.AsObject());
        store.Create(ResourceTypes.ConfigMaps, "default", JsonNode.Parse("""{"metadata":{"name":"a"},"data":{"k":"1"}}""")!.AsObject());

        var waiting = store.WaitForAsync(ResourceTypes.ConfigMaps, "default", "a", c => Meta.Str(c?["data"]?["k"]) == "2", TimeSpan.FromSeconds(10), TestContext.Current.CancellationToken);
        Assert.False(waiting.IsCompleted);
        store.Modify(ResourceTypes.ConfigMaps, "default", "a", c => c["data"]!["k"] = "2");
        var result = await waiting;
        var timeout = await Assert.ThrowsAsync<TimeoutException>(() =>
            store.WaitForAsync(ResourceTypes.ConfigMaps, "default", "a", c => c is null, TimeSpan.FromMilliseconds(50), TestContext.Current.CancellationToken));

        Assert.Equal("2", Meta.Str(result!["data"]!["k"]));
        Assert.StartsWith("configmaps default/a did not reach the expected state within", timeout.Message, StringComparison.Ordinal);
    }
}
