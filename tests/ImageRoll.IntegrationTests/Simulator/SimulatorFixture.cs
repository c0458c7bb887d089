using System.Text.Json.Nodes;
using ImageRoll.ClusterSimulator;
using ImageRoll.ClusterSimulator.Controllers;
using ImageRoll.ClusterSimulator.Store;

namespace ImageRoll.IntegrationTests.Simulator;

/// <summary>One HTTPS simulated cluster per test class, with kubeconfigs for the admin, restricted and expired tokens.</summary>
public sealed class SimulatorFixture : IAsyncLifetime
{
    private readonly string _directory = Path.Combine(Path.GetTempPath(), "imageroll-sim-" + Guid.NewGuid().ToString("N")[..8]);

    /// <summary>
    /// These tests pin the API server's behaviour; the rollout, trigger and import controllers (tested by their own
    /// areas) would write status concurrently and make resourceVersion assertions racy.
    /// </summary>
    public static IReadOnlyList<string> WorkloadAndImageControllers { get; } =
        ControllerCatalog.Names.Where(n => n is not ("namespace" or "garbagecollector")).ToList();

    public SimulatedCluster Cluster { get; private set; } = null!;

    public string AdminKubeconfig => Path.Combine(_directory, "admin.kubeconfig");

    public string RestrictedKubeconfig => Path.Combine(_directory, "restricted.kubeconfig");

    public string ExpiredKubeconfig => Path.Combine(_directory, "expired.kubeconfig");

    public string Directory => _directory;

    public async ValueTask InitializeAsync()
    {
        System.IO.Directory.CreateDirectory(_directory);
        Cluster = await SimulatedCluster.StartAsync(new SimulatorOptions { Port = 0, Https = true, DisabledControllers = WorkloadAndImageControllers }, TestContext.Current.CancellationToken);
        Cluster.WriteKubeconfig(AdminKubeconfig);
        Cluster.WriteKubeconfig(RestrictedKubeconfig, Cluster.RestrictedToken);
        Cluster.WriteKubeconfig(ExpiredKubeconfig, Cluster.ExpiredToken);
    }

    /// <summary>Creates a fresh namespace so each test works in isolation on the shared cluster.</summary>
    public string NewNamespace(string prefix)
    {
        var name = $"{prefix}-{Guid.NewGuid().ToString("N")[..6]}";
        Cluster.Store.Create(ResourceTypes.Namespaces, null, new JsonObject { ["metadata"] = new JsonObject { ["name"] = name } });
        return name;
    }

    public async ValueTask DisposeAsync()
    {
        await Cluster.DisposeAsync();
        try
        {
            System.IO.Directory.Delete(_directory, recursive: true);
        }
        catch (IOException)
        {
            // Best effort: a temp directory.
        }
    }
}
