namespace ImageRoll.Kubernetes;

/// <summary>
/// A workload named on the command line or in MSBuild: <c>deployment/NAME</c>, <c>statefulset/NAME</c>,
/// <c>daemonset/NAME</c>, <c>deploymentconfig/NAME</c>, <c>cronjob/NAME</c> (and kubectl's short forms <c>deploy/</c>,
/// <c>sts/</c>, <c>ds/</c>, <c>dc/</c>, <c>cj/</c>; a <c>.group</c> suffix such as <c>deployments.apps/x</c> is accepted).
/// </summary>
public sealed record WorkloadRef(ResourceKind Kind, string Name, string? Namespace = null)
{
    private static readonly Dictionary<string, ResourceKind> Kinds = new(StringComparer.OrdinalIgnoreCase)
    {
        ["deployment"] = ResourceKind.Deployments,
        ["deployments"] = ResourceKind.Deployments,
        ["deploy"] = ResourceKind.Deployments,
        ["deployments.apps"] = ResourceKind.Deployments,
        ["deployment.apps"] = ResourceKind.Deployments,
        ["statefulset"] = ResourceKind.StatefulSets,
        ["statefulsets"] = ResourceKind.StatefulSets,
        ["sts"] = ResourceKind.StatefulSets,
        ["statefulsets.apps"] = ResourceKind.StatefulSets,
        ["statefulset.apps"] = ResourceKind.StatefulSets,
        ["daemonset"] = ResourceKind.DaemonSets,
        ["daemonsets"] = ResourceKind.DaemonSets,
        ["ds"] = ResourceKind.DaemonSets,
        ["daemonsets.apps"] = ResourceKind.DaemonSets,
        ["daemonset.apps"] = ResourceKind.DaemonSets,
        ["deploymentconfig"] = ResourceKind.DeploymentConfigs,
        ["deploymentconfigs"] = ResourceKind.DeploymentConfigs,
        ["dc"] = ResourceKind.DeploymentConfigs,
        ["deploymentconfigs.apps.openshift.io"] = ResourceKind.DeploymentConfigs,
        ["deploymentconfig.apps.openshift.io"] = ResourceKind.DeploymentConfigs,
        ["cronjob"] = ResourceKind.CronJobs,
        ["cronjobs"] = ResourceKind.CronJobs,
        ["cj"] = ResourceKind.CronJobs,
        ["cronjobs.batch"] = ResourceKind.CronJobs,
        ["cronjob.batch"] = ResourceKind.CronJobs,
    };

    /// <summary>Parses <c>KIND/NAME</c>; throws IR2010 (exit 2) naming the bad text and the accepted kinds.</summary>
    public static WorkloadRef Parse(string text, string? ns = null)
    {
        var slash = text.IndexOf('/', StringComparison.Ordinal);
        if (slash <= 0 || slash == text.Length - 1 || text.IndexOf('/', slash + 1) >= 0)
        {
            throw new ImageRollException(CommandErrors.BadWorkload, FailureKind.BadInput,
                $"Workload '{KubeNames.Shown(text)}' is not of the form KIND/NAME.",
                "Name it as kubectl does, for example deployment/web, statefulset/db, daemonset/agent or deploymentconfig/app.");
        }

        var kindText = text[..slash];
        var name = text[(slash + 1)..];
        if (!Kinds.TryGetValue(kindText, out var kind))
        {
            throw new ImageRollException(CommandErrors.UnsupportedWorkloadKind, FailureKind.BadInput,
                $"Workload kind '{KubeNames.Shown(kindText)}' in '{KubeNames.Shown(text)}' is not one ImageRoll rolls out.",
                "Use deployment (deploy), statefulset (sts), daemonset (ds), deploymentconfig (dc) or cronjob (cj).");
        }

        if (!IsDnsSubdomain(name))
        {
            throw new ImageRollException(CommandErrors.BadWorkloadName, FailureKind.BadInput,
                $"Workload name '{KubeNames.Shown(name)}' in '{KubeNames.Shown(text)}' is not a valid Kubernetes name.",
                "Names are lower-case letters, digits, '-' and '.', start and end alphanumeric, at most 253 characters.");
        }

        return new WorkloadRef(kind, name, ns);
    }

    /// <summary>kubectl's spelling: <c>deployment/web</c>.</summary>
    public override string ToString() => $"{Kind.Kind.ToLowerInvariant()}/{Name}";

    private static bool IsDnsSubdomain(string name) =>
        name.Length is > 0 and <= 253
        && char.IsAsciiLetterLower(name[0]) | char.IsAsciiDigit(name[0])
        && char.IsAsciiLetterLower(name[^1]) | char.IsAsciiDigit(name[^1])
        && name.All(c => char.IsAsciiLetterLower(c) || char.IsAsciiDigit(c) || c == '-' || c == '.');
}
