using System.Text.Json.Nodes;
using ImageRoll.ClusterSimulator.Store;

namespace ImageRoll.IntegrationTests.OpenShift;

/// <summary>Workload JSON like samples/manifests (deployment `example`, container `web`, trigger on example:latest).</summary>
public static class Workloads
{
    public const string WebTrigger = """[{"from":{"kind":"ImageStreamTag","name":"example:latest"},"fieldPath":"spec.template.spec.containers[?(@.name==\"web\")].image","paused":false}]""";

    public static JsonObject Deployment(string name = "example", string? triggers = WebTrigger, params string[] containers)
    {
        var list = new JsonArray((containers.Length == 0 ? ["web"] : containers).Select(c => (JsonNode)new JsonObject { ["name"] = c, ["image"] = " " }).ToArray());
        var d = new JsonObject
        {
            ["apiVersion"] = "apps/v1",
            ["kind"] = "Deployment",
            ["metadata"] = new JsonObject { ["name"] = name, ["labels"] = new JsonObject { ["app"] = name } },
            ["spec"] = new JsonObject
            {
                ["replicas"] = 1,
                ["selector"] = new JsonObject { ["matchLabels"] = new JsonObject { ["app"] = name } },
                ["template"] = new JsonObject
                {
                    ["metadata"] = new JsonObject { ["labels"] = new JsonObject { ["app"] = name } },
                    ["spec"] = new JsonObject { ["containers"] = list },
                },
            },
        };
        if (triggers is not null)
        {
            d["metadata"]!["annotations"] = new JsonObject { ["image.openshift.io/triggers"] = triggers };
        }

        return d;
    }

    public static JsonObject DeploymentConfig(string name, bool automatic, bool configChange, bool paused = false, bool trigger = true)
    {
        var triggers = new JsonArray();
        if (configChange)
        {
            triggers.Add(new JsonObject { ["type"] = "ConfigChange" });
        }

        if (trigger)
        {
            triggers.Add(new JsonObject
            {
                ["type"] = "ImageChange",
                ["imageChangeParams"] = new JsonObject
                {
                    ["automatic"] = automatic,
                    ["containerNames"] = new JsonArray("web"),
                    ["from"] = new JsonObject { ["kind"] = "ImageStreamTag", ["name"] = "example:latest" },
                },
            });
        }

        return new JsonObject
        {
            ["apiVersion"] = "apps.openshift.io/v1",
            ["kind"] = "DeploymentConfig",
            ["metadata"] = new JsonObject { ["name"] = name },
            ["spec"] = new JsonObject
            {
                ["replicas"] = 1,
                ["paused"] = paused,
                ["selector"] = new JsonObject { ["app"] = name },
                ["triggers"] = triggers,
                ["template"] = new JsonObject
                {
                    ["metadata"] = new JsonObject { ["labels"] = new JsonObject { ["app"] = name } },
                    ["spec"] = new JsonObject { ["containers"] = new JsonArray(new JsonObject { ["name"] = "web", ["image"] = " " }) },
                },
            },
        };
    }

    public static string? Image(JsonObject workload, string container = "web", string podSpec = "spec.template.spec")
    {
        JsonNode? spec = workload;
        foreach (var p in podSpec.Split('.'))
        {
            spec = spec?[p];
        }

        return (string?)spec?["containers"]?.AsArray().First(c => (string?)c!["name"] == container)?["image"];
    }

    /// <summary>A stream `example` whose tag `latest` already holds <paramref name="image"/> (as after `imageroll tag`).</summary>
    public static async Task<string> TagAsync(OpenShiftSim sim, string image)
    {
        var (code, stdout, stderr) = await sim.ImageRollAsync("tag", image, "example:latest", "--create-stream", "--timeout", "30s");
        Assert.True(code == 0, stderr);
        return stdout.Trim().Split('\n')[^1];
    }

    public static JsonObject Put(OpenShiftSim sim, ResourceType type, JsonObject obj) => sim.Store.Create(type, "default", obj);
}
