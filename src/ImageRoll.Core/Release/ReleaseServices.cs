using ImageRoll.Docker;
using ImageRoll.Kubernetes;
using ImageRoll.Registry;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;

namespace ImageRoll.Release;

/// <summary>
/// What a release talks to, made by the face from its own settings (kubeconfig, registry options, DOCKER_HOST):
/// the runner never reads flags, properties or the process environment itself, only <see cref="Environment"/>.
/// </summary>
public sealed class ReleaseServices
{
    public required IKubeApi Kube { get; init; }

    /// <summary>Registry access honouring the insecure hosts, CA bundle and credentials the face bound.</summary>
    public required RegistrySession Registry { get; init; }

    /// <summary>
    /// The resolved cluster connection, for the integrated registry's token (<see cref="ReleaseOptions.ClusterRegistry"/>)
    /// and to know a pod of the cluster; null: <see cref="Kube"/>'s own when it is a <see cref="KubeApiClient"/>.
    /// </summary>
    public KubeClusterConfig? Cluster { get; init; }

    /// <summary>
    /// The cluster a <see cref="PromotionSource"/> is read (and its image pulled) from when it is another one than
    /// <see cref="Kube"/> (<c>imageroll promote --to-context</c>: this is the current context, Kube the destination's).
    /// </summary>
    public IKubeApi? SourceKube { get; init; }

    /// <summary><see cref="SourceKube"/>'s connection, for its integrated registry's token; null: its own when it is a <see cref="KubeApiClient"/>.</summary>
    public KubeClusterConfig? SourceCluster { get; init; }

    /// <summary>Made only for a Dockerfile source; null when the face cannot offer a Docker daemon.</summary>
    public Func<IDockerEngine>? Docker { get; init; }

    public ILoggerFactory LoggerFactory { get; init; } = NullLoggerFactory.Instance;

    public TimeProvider Time { get; init; } = TimeProvider.System;

    /// <summary>The environment child processes (dotnet publish) and credential sources see.</summary>
    public Func<string, string?> Environment { get; init; } = System.Environment.GetEnvironmentVariable;
}
