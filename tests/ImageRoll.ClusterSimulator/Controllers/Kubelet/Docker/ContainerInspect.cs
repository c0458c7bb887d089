namespace ImageRoll.ClusterSimulator.Controllers.Kubelet.Docker;

/// <summary>What the kubelet reads from <c>GET /containers/{id}/json</c>: the state and the published ports.</summary>
public sealed record ContainerInspect(
    string Id,
    bool Running,
    int ExitCode,
    bool OomKilled,
    string Error,
    DateTimeOffset? StartedAt,
    DateTimeOffset? FinishedAt,
    int Pid,
    IReadOnlyDictionary<int, int> PublishedTcpPorts);
