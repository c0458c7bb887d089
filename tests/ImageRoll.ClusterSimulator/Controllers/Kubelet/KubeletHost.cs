using ImageRoll.ClusterSimulator.Controllers.Kubelet.Docker;

namespace ImageRoll.ClusterSimulator.Controllers.Kubelet;

/// <summary>
/// The catalog's <c>kubelet</c> controller: runs the stand-in or, with <see cref="SimulatorOptions.Kubelet"/> =
/// <see cref="KubeletMode.Docker"/>, the <see cref="DockerKubelet"/> (one instance for the cluster's lifetime, so a
/// restart after a failure keeps its container label).
/// </summary>
public sealed class KubeletHost(ISimulatorController standIn) : ISimulatorController
{
    public string Name => "kubelet";

    /// <summary>The docker kubelet once the cluster runs with <c>--kubelet docker</c>, else null.</summary>
    public DockerKubelet? Docker { get; private set; }

    public Task RunAsync(ControllerContext context, CancellationToken cancellationToken)
    {
        if (context.Options.Kubelet != KubeletMode.Docker)
        {
            return standIn.RunAsync(context, cancellationToken);
        }

        Docker ??= new DockerKubelet(context.Options.DockerHost);
        return Docker.RunAsync(context, cancellationToken);
    }
}
