namespace ImageRoll.ClusterSimulator.Controllers.Kubelet;

/// <summary>Which kubelet runs the simulated cluster's pods (<c>--kubelet</c>).</summary>
public enum KubeletMode
{
    /// <summary>The fast stand-in: images are resolved in the registry, nothing runs (the default).</summary>
    StandIn,

    /// <summary>Real containers through the machine's Docker daemon, ports published on 127.0.0.1.</summary>
    Docker,
}
