namespace ImageRoll.OpenShift.Triggers;

/// <summary>
/// Where each kind keeps its pod spec, as the controller's reference mutator names it (openshift/library-go
/// pkg/image/referencemutator/meta.go GetPodSpecReferenceMutator). The annotation trigger controller only watches
/// Deployment, DaemonSet, StatefulSet and CronJob (openshift-controller-manager pkg/cmd/controller/image.go);
/// Jobs and Pods have a path but no informer, so their triggers never fire.
/// </summary>
public static class PodSpecPaths
{
    private static readonly Dictionary<string, string> Paths = new(StringComparer.Ordinal)
    {
        ["Deployment"] = "spec.template.spec",
        ["StatefulSet"] = "spec.template.spec",
        ["DaemonSet"] = "spec.template.spec",
        ["Job"] = "spec.template.spec",
        ["DeploymentConfig"] = "spec.template.spec",
        ["CronJob"] = "spec.jobTemplate.spec.template.spec",
        ["Pod"] = "spec",
    };

    /// <summary>The kinds whose annotation triggers the real controller acts on.</summary>
    public static readonly IReadOnlySet<string> WatchedKinds = new HashSet<string>(StringComparer.Ordinal) { "Deployment", "DaemonSet", "StatefulSet", "CronJob" };

    public static string? For(string kind) => Paths.TryGetValue(kind, out var p) ? p : null;

    /// <summary>The kinds whose pod-spec path <paramref name="fieldPath"/> starts with (the longest path first).</summary>
    public static (string Path, IReadOnlyList<string> Kinds)? MatchOther(string fieldPath) =>
        Paths.GroupBy(kv => kv.Value)
            .OrderByDescending(g => g.Key.Length)
            .Where(g => fieldPath.StartsWith(g.Key + ".", StringComparison.Ordinal))
            .Select(g => ((string, IReadOnlyList<string>)?)(g.Key, g.Select(kv => kv.Key).ToList()))
            .FirstOrDefault();
}
