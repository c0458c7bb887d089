namespace ImageRoll.Tasks.Steps;

/// <summary>What the single-step tasks share: how to reach the cluster and registries, and the step's deadline.</summary>
public abstract partial class StepTaskBase
{
    /// <summary>The kubeconfig file; empty: $KUBECONFIG, ~/.kube/config, in-cluster.</summary>
    public string? Kubeconfig { get; set; }

    public string? Context { get; set; }

    /// <summary>The workloads' (and the stream's) namespace; empty: the context's.</summary>
    public string? Namespace { get; set; }

    /// <summary>The step's deadline, as kubectl writes durations (default 10m).</summary>
    public string? Timeout { get; set; }

    /// <summary>HOST[:PORT] entries separated by ';' reached over plain HTTP or unverified TLS.</summary>
    public string? InsecureRegistries { get; set; }

    public string? RegistryCa { get; set; }
}
