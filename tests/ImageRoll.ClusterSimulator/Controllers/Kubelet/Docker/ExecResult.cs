namespace ImageRoll.ClusterSimulator.Controllers.Kubelet.Docker;

/// <summary>The outcome of a command run in a container: its exit code (null when it timed out) and its combined output.</summary>
public sealed record ExecResult(int? ExitCode, string Output);
