using System.Text.Json.Nodes;
using ImageRoll.ClusterSimulator;
using ImageRoll.ClusterSimulator.Controllers.Core;
using ImageRoll.ClusterSimulator.Controllers.Kubelet;
using ImageRoll.ClusterSimulator.Store;
using ImageRoll.IntegrationTests.Infrastructure;

namespace ImageRoll.IntegrationTests.SimulatorControllers;

/// <summary>A simulated cluster whose pods run as real containers (<c>--kubelet docker</c>), and what tests ask of it.</summary>
public static class DockerKubeletSession
{
    public static Task<SimulatorSession> StartAsync(ControllerTimings? timings = null) =>
        SimulatorSession.StartAsync(new SimulatorOptions
        {
            Timings = timings ?? SimulatorSession.FastTimings,
            Kubelet = KubeletMode.Docker,
            DockerHost = TestServices.DockerHostUnix,
        });

    /// <summary>The pods of an app label, each with its containerStatuses[0], as kubectl would read them.</summary>
    public static JsonObject OnlyPod(SimulatorSession sim, string app) => Assert.Single(sim.Pods("app", app));

    /// <summary>127.0.0.1:PORT that the pod's container port is published on (the docker kubelet's annotation).</summary>
    public static string? Published(JsonObject pod, int containerPort) =>
        (string?)pod["metadata"]?["annotations"]?[$"simulator.imageroll.dev/port-{containerPort}"];

    /// <summary>Ids of the Docker containers (running, or also exited ones) of the pod with <paramref name="uid"/>.</summary>
    public static async Task<IReadOnlyList<string>> ContainersOfPodAsync(string uid, bool includeExited = true)
    {
        var ps = await ExternalTool.RunAsync("docker", ["ps", includeExited ? "-aq" : "-q", "--filter", $"label=io.kubernetes.pod.uid={uid}"],
            environment: new Dictionary<string, string> { ["DOCKER_HOST"] = TestServices.DockerHostUnix });
        ps.EnsureSuccess("docker ps");
        return ps.Stdout.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
    }

    /// <summary>Waits until the pods of <paramref name="app"/> satisfy <paramref name="accept"/>; returns the one pod.</summary>
    public static Task<JsonObject> WaitForPodAsync(SimulatorSession sim, string app, Func<JsonObject, bool> accept, string what, TimeSpan? timeout = null) =>
        sim.WaitForAsync(what, store => store.List(ResourceTypes.Pods, "default").Items
            .FirstOrDefault(p => (string?)p["metadata"]?["labels"]?["app"] == app && accept(p)), timeout ?? TimeSpan.FromSeconds(60));

    public static JsonObject? Container(JsonObject pod) => pod["status"]?["containerStatuses"]?[0] as JsonObject;

    public static string Events(SimulatorSession sim, string podName) =>
        string.Join('\n', sim.Cluster.Store.List(ResourceTypes.Events, "default").Items
            .Where(e => (string?)e["involvedObject"]?["name"] == podName)
            .Select(e => $"{e["type"]} {e["reason"]} {e["message"]}"));
}
