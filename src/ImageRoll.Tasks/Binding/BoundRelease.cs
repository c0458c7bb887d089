using ImageRoll.Release;

namespace ImageRoll.Tasks.Binding;

/// <summary>
/// The properties, bound: the engine's <see cref="ReleaseOptions"/> and how to reach the cluster and registries
/// (kubeconfig and context, insecure hosts, CA bundle). Secrets are never here: they come from the environment and
/// credential stores when the services are made.
/// </summary>
public sealed record BoundRelease(ReleaseOptions Options, BuilderKind Builder)
{
    public string? Kubeconfig { get; init; }

    public string? Context { get; init; }

    public IReadOnlyList<string> InsecureRegistries { get; init; } = [];

    public string? RegistryCa { get; init; }
}
