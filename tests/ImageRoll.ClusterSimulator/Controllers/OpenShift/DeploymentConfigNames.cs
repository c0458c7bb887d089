using System.Globalization;
using System.Text.Json.Nodes;
using ImageRoll.ClusterSimulator.Controllers.Core;

namespace ImageRoll.ClusterSimulator.Controllers.OpenShift;

/// <summary>
/// Annotation and label names of DeploymentConfig rollouts (openshift/api apps/v1 types.go and library-go
/// pkg/apps/appsutil const.go), and the small helpers over them (appsutil.DeploymentStatusFor and friends).
/// </summary>
public static class DeploymentConfigNames
{
    public const string Phase = "openshift.io/deployment.phase";
    public const string ConfigName = "openshift.io/deployment-config.name";
    public const string LatestVersion = "openshift.io/deployment-config.latest-version";
    public const string StatusReason = "openshift.io/deployment.status-reason";
    public const string DeployerPod = "openshift.io/deployer-pod.name";
    public const string Replicas = "openshift.io/deployment.replicas";
    public const string DesiredReplicas = "kubectl.kubernetes.io/desired-replicas";
    public const string EncodedConfig = "openshift.io/encoded-deployment-config";
    public const string Cancelled = "openshift.io/deployment.cancelled";
    public const string DeploymentName = "openshift.io/deployment.name";
    public const string ConfigLabel = "deploymentconfig";
    public const string DeploymentLabel = "deployment";
    public const string CancelledNewerDeploymentExists = "newer deployment was found running";

    public static string PhaseOf(JsonObject rc) => Obj.Annotation(rc, Phase) ?? "New";

    public static bool IsTerminal(JsonObject rc) => PhaseOf(rc) is "Complete" or "Failed";

    public static bool IsCancelled(JsonObject rc) => Obj.Annotation(rc, Cancelled) == "true";

    public static long VersionOf(JsonObject rc) =>
        long.TryParse(Obj.Annotation(rc, LatestVersion), NumberStyles.Integer, CultureInfo.InvariantCulture, out var v) ? v : 0;

    public static string RcName(JsonObject dc, long version) => $"{Obj.Name(dc)}-{version.ToString(CultureInfo.InvariantCulture)}";

    public static bool IsRolling(JsonObject dc) => Obj.Str(dc, "spec", "strategy", "type") is null or "Rolling";

    /// <summary>appsutil.MaxUnavailable: 0 for Recreate.</summary>
    public static long MaxUnavailable(JsonObject dc) =>
        IsRolling(dc) ? Fenceposts(dc).Unavailable : 0;

    public static (long Surge, long Unavailable) Fenceposts(JsonObject dc) =>
        IntOrPercent.Fenceposts(Obj.At(dc, "spec", "strategy", "rollingParams", "maxSurge"),
            Obj.At(dc, "spec", "strategy", "rollingParams", "maxUnavailable"), Obj.Int(dc, 1, "spec", "replicas"));

    /// <summary>rollingParams.timeoutSeconds / recreateParams.timeoutSeconds, default 600.</summary>
    public static long TimeoutSeconds(JsonObject dc) => IsRolling(dc)
        ? Obj.Int(dc, 600, "spec", "strategy", "rollingParams", "timeoutSeconds")
        : Obj.Int(dc, 600, "spec", "strategy", "recreateParams", "timeoutSeconds");
}
