using ImageRoll.Kubernetes;

namespace ImageRoll.OpenShift.Triggers;

/// <summary>
/// A workload and what its triggers do for one stream tag: the containers they drive (<see cref="Matches"/>),
/// everything wrong with its triggers (<see cref="Problems"/>; any one stops ImageRoll with exit code 2 before it
/// changes anything) and, for a DeploymentConfig, whether it is paused.
/// </summary>
public sealed record WorkloadTriggers(
    WorkloadRef Workload,
    WorkloadTemplate Template,
    IReadOnlyList<TriggerMatch> Matches,
    IReadOnlyList<TriggerProblem> Problems,
    bool DeploymentConfigPaused = false)
{
    public bool IsDeploymentConfig => Workload.Kind == ResourceKind.DeploymentConfigs;

    /// <summary>Throws the first problem (exit 2) with every other one listed in its message.</summary>
    public void ThrowIfProblems()
    {
        if (Problems.Count == 0)
        {
            return;
        }

        var first = Problems[0];
        var message = $"{Workload}: {first.Message}";
        if (Problems.Count > 1)
        {
            message += string.Concat(Problems.Skip(1).Select(p => $"{Environment.NewLine}  also {p.Code}: {p.Message}"));
        }

        throw new ImageRollException(first.Code, FailureKind.BadInput, message, first.Hint);
    }
}
