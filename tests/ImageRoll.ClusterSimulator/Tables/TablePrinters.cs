using ImageRoll.ClusterSimulator.Store;

namespace ImageRoll.ClusterSimulator.Tables;

/// <summary>
/// Which printer the server uses for a resource. Kinds without a printer get the default table convertor of
/// k8s.io/apiserver pkg/registry/rest/table.go: NAME and CREATED AT (an RFC 3339 date), as the real servers answer
/// for roles, for example.
/// </summary>
public static class TablePrinters
{
    public static TablePrinter Default { get; } = new(
    [
        TableColumn.NameColumn,
        new("Created At", "date", ColumnDescriptions.CreationTimestamp),
    ], (o, _) => Cells.Row(Meta.Name(o), Meta.Str(o["metadata"]?["creationTimestamp"]) ?? "0001-01-01T00:00:00Z"));

    private static readonly Dictionary<ResourceType, TablePrinter> ByType = new()
    {
        [ResourceTypes.Pods] = PodPrinter.Printer,
        [ResourceTypes.Events] = CorePrinters.Event,
        [ResourceTypes.Namespaces] = CorePrinters.Namespace,
        [ResourceTypes.Services] = CorePrinters.Service,
        [ResourceTypes.ConfigMaps] = CorePrinters.ConfigMap,
        [ResourceTypes.Secrets] = CorePrinters.Secret,
        [ResourceTypes.ServiceAccounts] = CorePrinters.ServiceAccount,
        [ResourceTypes.ReplicationControllers] = WorkloadPrinters.ReplicationController,
        [ResourceTypes.Deployments] = WorkloadPrinters.Deployment,
        [ResourceTypes.StatefulSets] = WorkloadPrinters.StatefulSet,
        [ResourceTypes.DaemonSets] = WorkloadPrinters.DaemonSet,
        [ResourceTypes.ReplicaSets] = WorkloadPrinters.ReplicaSet,
        [ResourceTypes.ControllerRevisions] = WorkloadPrinters.ControllerRevision,
        [ResourceTypes.Jobs] = BatchPrinters.Job,
        [ResourceTypes.CronJobs] = BatchPrinters.CronJob,
        [ResourceTypes.RoleBindings] = CorePrinters.RoleBinding,
        [ResourceTypes.ImageStreams] = OpenShiftPrinters.ImageStream,
        [ResourceTypes.ImageStreamTags] = OpenShiftPrinters.ImageStreamTag,
        [ResourceTypes.DeploymentConfigs] = OpenShiftPrinters.DeploymentConfig,
        [ResourceTypes.Routes] = RoutePrinter.Printer,
    };

    public static TablePrinter For(ResourceType type) => ByType.TryGetValue(type, out var printer) ? printer : Default;
}
