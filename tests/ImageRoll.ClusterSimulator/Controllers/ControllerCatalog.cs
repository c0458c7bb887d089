namespace ImageRoll.ClusterSimulator.Controllers;

/// <summary>
/// The controllers a simulated cluster runs unless disabled by name. To add one: write a class implementing
/// <see cref="ISimulatorController"/> and add ONE line to <see cref="Factories"/>.
/// </summary>
public static class ControllerCatalog
{
    /// <summary>Name and factory of every built-in controller, in start order.</summary>
    public static IReadOnlyList<(string Name, Func<ISimulatorController> Create)> Factories { get; } =
    [
        ("namespace", () => new NamespaceController()),
        ("garbagecollector", () => new GarbageCollectorController()),
        ("image-import", () => new Images.ImageImportController()),
        ("image-trigger", () => new Triggers.ImageTriggerController()),
        ("deploymentconfig-image-trigger", () => new Triggers.DeploymentConfigImageTriggerController()),
        ("deploymentconfig-trigger", () => new Triggers.DeploymentConfigTriggerController()),
        ("deployment", Core.WorkloadControllers.Deployment),
        ("replicaset", Core.WorkloadControllers.ReplicaSet),
        ("replicationcontroller", Core.WorkloadControllers.ReplicationController),
        ("statefulset", Core.WorkloadControllers.StatefulSet),
        ("daemonset", Core.WorkloadControllers.DaemonSet),
        ("deploymentconfig", Core.WorkloadControllers.DeploymentConfig),
        ("deployer", Core.WorkloadControllers.Deployer),
        ("kubelet", Core.WorkloadControllers.Kubelet),
    ];

    public static IReadOnlyList<string> Names => Factories.Select(f => f.Name).ToList();

    /// <summary>The controllers to run for <paramref name="options"/>: the catalog's minus the disabled ones, plus the additional ones.</summary>
    public static IReadOnlyList<ISimulatorController> For(SimulatorOptions options)
    {
        var unknown = options.DisabledControllers.Where(n => !Names.Contains(n, StringComparer.Ordinal)).ToList();
        if (unknown.Count > 0)
        {
            throw new ArgumentException($"unknown controller(s) {string.Join(", ", unknown)}; known: {string.Join(", ", Names)}");
        }

        return Factories
            .Where(f => !options.DisabledControllers.Contains(f.Name, StringComparer.Ordinal))
            .Select(f => f.Create())
            .Concat(options.AdditionalControllers)
            .ToList();
    }
}
