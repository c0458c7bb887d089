using ImageRoll.ClusterSimulator.Controllers.Kubelet;
using ImageRoll.ClusterSimulator.Controllers.OpenShift;
using ImageRoll.ClusterSimulator.Controllers.Workloads;

namespace ImageRoll.ClusterSimulator.Controllers.Core;

/// <summary>
/// Factories of the workload controllers and the kubelet stand-in for <see cref="ControllerCatalog"/>: each a
/// level-triggered <see cref="IReconciler"/> run by <see cref="ReconcilingController"/>, with the knobs of
/// <see cref="SimulatorOptions.Timings"/>.
/// </summary>
public static class WorkloadControllers
{
    public static ISimulatorController Deployment() =>
        Run("deployment", (c, s, _) => new DeploymentController(s, Events(c, s), c.Clock));

    public static ISimulatorController ReplicaSet() =>
        Run("replicaset", (c, s, _) => ReplicaSetController.ForReplicaSets(s, Events(c, s), c.Clock));

    public static ISimulatorController ReplicationController() =>
        Run("replicationcontroller", (c, s, _) => ReplicaSetController.ForReplicationControllers(s, Events(c, s), c.Clock));

    public static ISimulatorController StatefulSet() =>
        Run("statefulset", (c, s, _) => new StatefulSetController(s, Events(c, s), c.Clock));

    public static ISimulatorController DaemonSet() =>
        Run("daemonset", (c, s, _) => new DaemonSetController(s, Events(c, s), c.Clock, c.Options.Timings));

    public static ISimulatorController DeploymentConfig() =>
        Run("deploymentconfig", (c, s, _) => new DeploymentConfigController(s, Events(c, s), c.Clock));

    public static ISimulatorController Deployer() =>
        Run("deployer", (c, s, _) => new DeployerController(s, Events(c, s), c.Clock, c.Options.Timings));

    /// <summary>The stand-in, or the docker kubelet with <see cref="SimulatorOptions.Kubelet"/> (<see cref="KubeletHost"/>).</summary>
    public static ISimulatorController Kubelet() =>
        new KubeletHost(Run("kubelet", (c, s, wake) => new KubeletController(s, Events(c, s), c.Clock, c.Options.Timings,
            Registry.IntegratedRegistryPuller.Wrap(new RegistryImagePuller(new HttpClient { Timeout = c.Options.Timings.PullTimeout }), c.IntegratedRegistry, c.Options.Timings.PullTimeout), wake)));

    private static ReconcilingController Run(string name, Func<ControllerContext, IControllerStore, Action, IReconciler> create) =>
        new(name, create);

    private static EventRecorder Events(ControllerContext context, IControllerStore store) => new(store, context.Clock);
}
