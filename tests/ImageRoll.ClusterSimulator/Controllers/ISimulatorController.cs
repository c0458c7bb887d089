namespace ImageRoll.ClusterSimulator.Controllers;

/// <summary>
/// A controller of the simulated cluster: one small class that runs for the cluster's lifetime, watches the shared
/// store (<see cref="ControllerContext.Store"/>) and writes back to it, like a real controller over an informer.
/// <see cref="RunAsync"/> must return when the token is cancelled; an exception is logged and the controller
/// restarted after a short pause (a real controller-manager restarts crashed controllers too).
/// </summary>
public interface ISimulatorController
{
    /// <summary>Catalog name, used by --disable-controller (e.g. "namespace", "deployment").</summary>
    string Name { get; }

    Task RunAsync(ControllerContext context, CancellationToken cancellationToken);
}
