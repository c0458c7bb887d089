using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using ImageRoll.ClusterSimulator;
using ImageRoll.ClusterSimulator.Controllers;
using ImageRoll.ClusterSimulator.Controllers.Core;
using ImageRoll.ClusterSimulator.Store;

namespace ImageRoll.IntegrationTests.Simulator;

/// <summary>
/// What a person running `kubectl rollout history`, `kubectl describe` and `kubectl get events` on the demo sees:
/// CHANGE-CAUSE from the revisions' annotations (copied by the controllers as upstream copies them), the workload's
/// events through describe's field selector, and events in the order they were recorded.
/// </summary>
public sealed partial class KubectlHistoryTests : IAsyncLifetime
{
    private static readonly string[] Running = ["namespace", "garbagecollector", "deployment", "replicaset", "statefulset"];
    private readonly string _dir = Path.Combine(Path.GetTempPath(), "imageroll-history-" + Guid.NewGuid().ToString("N")[..8]);
    private SimulatedCluster _cluster = null!;
    private Kubectl _kubectl = null!;

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    public async ValueTask InitializeAsync()
    {
        Kubectl.RequireInstalled();
        Directory.CreateDirectory(_dir);
        _cluster = await SimulatedCluster.StartAsync(new SimulatorOptions
        {
            DisabledControllers = ControllerCatalog.Names.Where(n => !Running.Contains(n)).ToList(),
        }, Ct);
        var kubeconfig = Path.Combine(_dir, "kubeconfig");
        _cluster.WriteKubeconfig(kubeconfig);
        _kubectl = new Kubectl(kubeconfig, _dir);
    }

    public async ValueTask DisposeAsync()
    {
        await _cluster.DisposeAsync();
        Directory.Delete(_dir, recursive: true);
    }

    [Fact]
    public async Task Rollout_history_of_a_deployment_shows_a_change_cause_annotated_after_the_rollout_started()
    {
        var store = _cluster.Store;
        store.Create(ResourceTypes.Deployments, "default", Workload("web", "v1: first release", "1111"));
        await WaitAsync(ResourceTypes.Deployments, "web", d => Meta.Annotation(d, "deployment.kubernetes.io/revision") == "1");
        store.Modify(ResourceTypes.Deployments, "default", "web", d => d["spec"]!["template"]!["spec"]!["containers"]![0]!["image"] = Image("2222"));
        await WaitAsync(ResourceTypes.Deployments, "web", d => Meta.Annotation(d, "deployment.kubernetes.io/revision") == "2");

        // As `kubectl annotate deployment/web kubernetes.io/change-cause=...` after `kubectl set image`: the new
        // ReplicaSet exists already; the controller copies the annotation on its next sync (SetNewReplicaSetAnnotations).
        store.Modify(ResourceTypes.Deployments, "default", "web", d => d["metadata"]!["annotations"]!["kubernetes.io/change-cause"] = "v2: new digest");
        var newest = store.List(ResourceTypes.ReplicaSets, "default").Items.Single(rs => Meta.Annotation(rs, "deployment.kubernetes.io/revision") == "2");
        await WaitAsync(ResourceTypes.ReplicaSets, Meta.Name(newest), rs => Meta.Annotation(rs, "kubernetes.io/change-cause") == "v2: new digest");

        var history = (await _kubectl.RunAsync("rollout", "history", "deployment/web")).EnsureSuccess("rollout history");

        Assert.Equal(["REVISION  CHANGE-CAUSE", "1         v1: first release", "2         v2: new digest"], Rows(history.Stdout));
    }

    [Fact]
    public async Task Rollout_history_of_a_statefulset_reads_the_change_cause_its_controller_revisions_carry()
    {
        var store = _cluster.Store;
        var sts = Workload("db", "one", "1111");
        sts["spec"]!["serviceName"] = "db";
        store.Create(ResourceTypes.StatefulSets, "default", sts);
        var first = await WaitAsync(ResourceTypes.StatefulSets, "db", s => Meta.Str(s["status"]?["updateRevision"]) is { Length: > 0 });
        store.Modify(ResourceTypes.StatefulSets, "default", "db", s =>
        {
            s["spec"]!["template"]!["spec"]!["containers"]![0]!["image"] = Image("2222");
            s["metadata"]!["annotations"]!["kubernetes.io/change-cause"] = "two";
        });
        await WaitAsync(ResourceTypes.StatefulSets, "db", s => Meta.Str(s["status"]?["updateRevision"]) is { Length: > 0 } r && r != Meta.Str(first["status"]!["updateRevision"]));

        var history = (await _kubectl.RunAsync("rollout", "history", "statefulset/db")).EnsureSuccess("rollout history");

        Assert.Equal(["REVISION  CHANGE-CAUSE", "1         one", "2         two"], Rows(history.Stdout));
    }

    [Fact]
    public async Task Describe_lists_the_events_of_the_workload_through_the_involved_object_field_selector()
    {
        _cluster.Store.Create(ResourceTypes.Deployments, "default", Workload("api", "first", "1111"));
        await WaitAsync(ResourceTypes.Deployments, "api", d => Meta.Annotation(d, "deployment.kubernetes.io/revision") == "1");
        var uid = Meta.Uid(_cluster.Store.GetRequired(ResourceTypes.Deployments, "default", "api"));
        _cluster.Requests.Clear();

        var describe = (await _kubectl.RunAsync("describe", "deployment", "api")).EnsureSuccess("describe");

        var events = describe.Stdout[describe.Stdout.IndexOf("Events:", StringComparison.Ordinal)..];
        Assert.Matches(EventRow(), events);
        Assert.Contains(_cluster.Requests.All, r => r.PathAndQuery.StartsWith("/api/v1/namespaces/default/events?", StringComparison.Ordinal)
            && Uri.UnescapeDataString(r.PathAndQuery).Contains($"involvedObject.uid={uid}", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Describe_prints_the_probe_of_a_template_with_the_server_defaults()
    {
        var manifest = Workload("example", "probe", "1111");
        manifest["apiVersion"] = "apps/v1";
        manifest["kind"] = "Deployment";
        manifest["spec"]!["template"]!["spec"]!["containers"]![0]!["readinessProbe"] = JsonNode.Parse("""{"httpGet":{"port":8080}}""");
        (await _kubectl.RunAsync(["apply", "-f", "-"], manifest.ToJsonString())).EnsureSuccess("apply");

        var describe = (await _kubectl.RunAsync("describe", "deployment", "example")).EnsureSuccess("describe");
        var history = (await _kubectl.RunAsync("rollout", "history", "deployment/example", "--revision=1")).EnsureSuccess("rollout history --revision");

        // SetDefaults_Probe / SetDefaults_HTTPGetAction reach templates too; without them: "http-get //:8080/ ... timeout=0s".
        Assert.Contains("http-get http://:8080/ delay=0s timeout=1s period=10s #success=1 #failure=3", describe.Stdout, StringComparison.Ordinal);
        Assert.Contains("http-get http://:8080/ delay=0s timeout=1s period=10s #success=1 #failure=3", history.Stdout, StringComparison.Ordinal);
    }

    [Fact]
    public void Events_recorded_in_the_same_instant_list_in_the_order_they_were_recorded()
    {
        var clock = new FixedClock(DateTimeOffset.Parse("2026-11-22T03:00:00Z", System.Globalization.CultureInfo.InvariantCulture));
        var store = new ObjectStore(clock);
        store.Create(ResourceTypes.Namespaces, null, JsonNode.Parse("""{"metadata":{"name":"default"}}""")!.AsObject());
        var pod = store.Create(ResourceTypes.Pods, "default", JsonNode.Parse("""{"metadata":{"name":"p"},"spec":{"containers":[{"name":"web","image":"x"}]}}""")!.AsObject());
        pod["kind"] = "Pod";
        pod["apiVersion"] = "v1";
        var recorder = new EventRecorder(new ObjectStoreAdapter(store), clock);
        string[] steps = ["Scheduled", "Pulling", "Pulled", "Created", "Started"];

        foreach (var reason in steps)
        {
            recorder.Normal(pod, "kubelet", reason, reason + " web");
        }

        Assert.Equal(steps, store.List(ResourceTypes.Events, "default").Items.Select(e => Meta.Str(e["reason"])));
    }

    [Fact]
    public void From_the_tenth_similar_message_events_are_combined_into_one_whose_count_grows()
    {
        var clock = new FixedClock(DateTimeOffset.Parse("2026-11-22T03:00:00Z", System.Globalization.CultureInfo.InvariantCulture));
        var store = new ObjectStore(clock);
        store.Create(ResourceTypes.Namespaces, null, JsonNode.Parse("""{"metadata":{"name":"default"}}""")!.AsObject());
        var ds = store.Create(ResourceTypes.DaemonSets, "default", Workload("agent", "x", "1111"));
        ds["kind"] = "DaemonSet";
        ds["apiVersion"] = "apps/v1";
        var recorder = new EventRecorder(new ObjectStoreAdapter(store), clock);

        for (var i = 1; i <= 12; i++)
        {
            recorder.Warning(ds, "daemonset-controller", "FailedCreate", $"Error creating: Pod \"agent-{i:D2}\" is invalid");
        }

        var events = store.List(ResourceTypes.Events, "default").Items;
        Assert.Equal(10, events.Count);
        var combined = Assert.Single(events, e => Meta.Str(e["message"])!.StartsWith("(combined from similar events): ", StringComparison.Ordinal));
        Assert.Equal("(combined from similar events): Error creating: Pod \"agent-12\" is invalid", Meta.Str(combined["message"]));
        Assert.Equal(3, Meta.Long(combined["count"]));
        Assert.Equal(Enumerable.Range(1, 9).Select(i => $"Error creating: Pod \"agent-{i:D2}\" is invalid"),
            events.Where(e => e != combined).Select(e => Meta.Str(e["message"])));
    }

    private async Task<JsonObject> WaitAsync(ResourceType type, string name, Func<JsonObject, bool> condition) =>
        (await _cluster.Store.WaitForAsync(type, "default", name, o => o is not null && condition(o), TimeSpan.FromSeconds(30), Ct))!;

    private static string[] Rows(string stdout) =>
        stdout.Split('\n', StringSplitOptions.RemoveEmptyEntries).Skip(1).Select(l => l.TrimEnd()).ToArray();

    private static string Image(string digit) => "registry.example.com/shop/web@sha256:" + new string(digit[0], 64);

    private static JsonObject Workload(string name, string changeCause, string digit) => JsonNode.Parse("""
        {"metadata":{"name":"@NAME@","annotations":{"kubernetes.io/change-cause":"@CAUSE@"}},
         "spec":{"replicas":1,"selector":{"matchLabels":{"app":"@NAME@"}},
           "template":{"metadata":{"labels":{"app":"@NAME@"}},"spec":{"containers":[{"name":"web","image":"@IMAGE@"}]}}}}
        """.Replace("@NAME@", name, StringComparison.Ordinal).Replace("@CAUSE@", changeCause, StringComparison.Ordinal)
        .Replace("@IMAGE@", Image(digit), StringComparison.Ordinal))!.AsObject();

    [GeneratedRegex(@"Normal\s+ScalingReplicaSet\s+\S+\s+deployment-controller\s+Scaled up replica set api-\w+ from 0 to 1")]
    private static partial Regex EventRow();

    private sealed class FixedClock(DateTimeOffset now) : TimeProvider
    {
        public override DateTimeOffset GetUtcNow() => now;
    }
}
