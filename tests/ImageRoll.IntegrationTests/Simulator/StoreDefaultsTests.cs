using System.Text.Json.Nodes;
using ImageRoll.ClusterSimulator.Store;

namespace ImageRoll.IntegrationTests.Simulator;

/// <summary>The real servers' defaulting, applied on create and update.</summary>
public sealed class StoreDefaultsTests
{
    private static ObjectStore NewStore()
    {
        var store = new ObjectStore();
        store.Create(ResourceTypes.Namespaces, null, JsonNode.Parse("""{"metadata":{"name":"default"}}""")!.AsObject());
        return store;
    }

    private static JsonObject Workload(string name) => JsonNode.Parse(
        """{"metadata":{"name":"NAME"},"spec":{"selector":{"matchLabels":{"app":"a"}},"template":{"metadata":{"labels":{"app":"a"}},"spec":{"containers":[{"name":"web","image":"r/app:1","ports":[{"containerPort":80}]}]}}}}"""
            .Replace("NAME", name, StringComparison.Ordinal))!.AsObject();

    [Fact]
    public void Workloads_get_the_real_defaults_so_rollout_logic_sees_RollingUpdate_and_replicas()
    {
        var store = NewStore();

        var deployment = store.Create(ResourceTypes.Deployments, "default", Workload("d"));
        var daemonSet = store.Create(ResourceTypes.DaemonSets, "default", Workload("ds"));
        var statefulSet = store.Create(ResourceTypes.StatefulSets, "default", Workload("sts"));

        Assert.Equal(1, Meta.Long(deployment["spec"]!["replicas"]));
        Assert.Equal("""{"type":"RollingUpdate","rollingUpdate":{"maxUnavailable":"25%","maxSurge":"25%"}}""", deployment["spec"]!["strategy"]!.ToJsonString());
        Assert.Equal(600, Meta.Long(deployment["spec"]!["progressDeadlineSeconds"]));
        Assert.Equal("RollingUpdate", Meta.Str(daemonSet["spec"]!["updateStrategy"]!["type"]));
        Assert.Equal(0, Meta.Long(statefulSet["spec"]!["updateStrategy"]!["rollingUpdate"]!["partition"]));
        var container = deployment["spec"]!["template"]!["spec"]!["containers"]![0]!;
        Assert.Equal("IfNotPresent", Meta.Str(container["imagePullPolicy"]));
        Assert.Equal("TCP", Meta.Str(container["ports"]![0]!["protocol"]));
        Assert.Equal("Always", Meta.Str(deployment["spec"]!["template"]!["spec"]!["restartPolicy"]));
    }

    [Fact]
    public void An_update_without_the_defaulted_fields_is_no_spec_change()
    {
        var store = NewStore();
        var created = store.Create(ResourceTypes.Deployments, "default", Workload("d"));

        var (updated, changed) = store.Write(ResourceTypes.Deployments, "default", "d", _ => Workload("d"));

        Assert.False(changed);
        Assert.Equal(1, Meta.Generation(updated));
        Assert.Equal(Meta.ResourceVersion(created), Meta.ResourceVersion(updated));
    }

    [Fact]
    public void A_DeploymentConfig_gets_the_Rolling_strategy_and_a_Service_its_ports_defaults()
    {
        var store = NewStore();

        var dc = store.Create(ResourceTypes.DeploymentConfigs, "default", Workload("dc").Also(d => d["spec"]!.AsObject().Remove("selector")));
        var svc = store.Create(ResourceTypes.Services, "default", JsonNode.Parse("""{"metadata":{"name":"s"},"spec":{"ports":[{"port":80}]}}""")!.AsObject());

        Assert.Equal("Rolling", Meta.Str(dc["spec"]!["strategy"]!["type"]));
        Assert.Equal(600, Meta.Long(dc["spec"]!["strategy"]!["rollingParams"]!["timeoutSeconds"]));
        Assert.Equal("""{"app":"a"}""", dc["spec"]!["selector"]!.ToJsonString());
        Assert.Equal("""{"port":80,"protocol":"TCP","targetPort":80}""", svc["spec"]!["ports"]![0]!.ToJsonString());
        Assert.Equal("ClusterIP", Meta.Str(svc["spec"]!["type"]));
        Assert.Matches(@"^172\.30\.\d+\.\d+$", Meta.Str(svc["spec"]!["clusterIP"]));
    }

    [Fact]
    public void Secret_stringData_is_stored_as_base64_data()
    {
        var store = NewStore();

        var secret = store.Create(ResourceTypes.Secrets, "default", JsonNode.Parse("""{"metadata":{"name":"pull"},"stringData":{"user":"ci"},"data":{"a":"Yg=="}}""")!.AsObject());

        Assert.Null(secret["stringData"]);
        Assert.Equal("""{"a":"Yg==","user":"Y2k="}""", secret["data"]!.ToJsonString());
        Assert.Equal("Opaque", Meta.Str(secret["type"]));
    }
}
