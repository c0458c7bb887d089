using System.Text.Json.Nodes;
using ImageRoll.ClusterSimulator.Controllers.Core;
using D = ImageRoll.ClusterSimulator.Tables.ColumnDescriptions;

namespace ImageRoll.ClusterSimulator.Tables;

/// <summary>
/// Deployments, ReplicaSets, StatefulSets, DaemonSets, ReplicationControllers and ControllerRevisions as
/// kubernetes pkg/printers/internalversion/printers.go prints them (printDeployment, printReplicaSet,
/// printStatefulSet, printDaemonSet, printReplicationController, printControllerRevision).
/// </summary>
internal static class WorkloadPrinters
{
    private static readonly TableColumn ContainersColumn = TableColumn.Wide("Containers", "Names of each container in the template.");
    private static readonly TableColumn ImagesColumn = TableColumn.Wide("Images", "Images referenced by each container in the template.");

    public static TablePrinter Deployment { get; } = new(
    [
        TableColumn.NameColumn,
        new("Ready", "string", "Number of the pod with ready state"),
        new("Up-to-date", "string", D.DeploymentUpdated),
        new("Available", "string", D.DeploymentAvailable),
        TableColumn.Age,
        ContainersColumn,
        ImagesColumn,
        TableColumn.Wide("Selector", D.DeploymentSelector),
    ], (d, now) =>
    {
        var (names, images) = Cells.Containers(Obj.At(d, "spec", "template", "spec"));
        return Cells.Row(Obj.Name(d), Cells.Ratio(Cells.Int(d, "status", "readyReplicas"), Obj.Int(d, 1, "spec", "replicas")),
            Cells.Int(d, "status", "updatedReplicas"), Cells.Int(d, "status", "availableReplicas"), Cells.Age(d, now),
            names, images, Cells.SelectorString(Obj.At(d, "spec", "selector")));
    });

    public static TablePrinter ReplicaSet { get; } = new(
    [
        TableColumn.NameColumn,
        new("Desired", "integer", D.RsSpecReplicas),
        new("Current", "integer", D.RsStatusReplicas),
        new("Ready", "integer", D.RsReadyReplicas),
        TableColumn.Age,
        ContainersColumn,
        ImagesColumn,
        TableColumn.Wide("Selector", D.RsSelector),
    ], (rs, now) =>
    {
        var (names, images) = Cells.Containers(Obj.At(rs, "spec", "template", "spec"));
        return Cells.Row(Obj.Name(rs), Obj.Int(rs, 1, "spec", "replicas"), Cells.Int(rs, "status", "replicas"),
            Cells.Int(rs, "status", "readyReplicas"), Cells.Age(rs, now), names, images, Cells.FormatLabelSelector(Obj.At(rs, "spec", "selector")));
    });

    public static TablePrinter ReplicationController { get; } = new(
    [
        TableColumn.NameColumn,
        new("Desired", "integer", D.RcSpecReplicas),
        new("Current", "integer", D.RcStatusReplicas),
        new("Ready", "integer", D.RcReadyReplicas),
        TableColumn.Age,
        ContainersColumn,
        ImagesColumn,
        TableColumn.Wide("Selector", D.RcSelector),
    ], (rc, now) =>
    {
        var (names, images) = Cells.Containers(Obj.At(rc, "spec", "template", "spec"));
        return Cells.Row(Obj.Name(rc), Obj.Int(rc, 1, "spec", "replicas"), Cells.Int(rc, "status", "replicas"),
            Cells.Int(rc, "status", "readyReplicas"), Cells.Age(rc, now), names, images, Cells.FormatLabels(Obj.At(rc, "spec", "selector")));
    });

    public static TablePrinter StatefulSet { get; } = new(
    [
        TableColumn.NameColumn,
        new("Ready", "string", "Number of the pod with ready state"),
        TableColumn.Age,
        ContainersColumn,
        ImagesColumn,
    ], (sts, now) =>
    {
        var (names, images) = Cells.Containers(Obj.At(sts, "spec", "template", "spec"));
        return Cells.Row(Obj.Name(sts), Cells.Ratio(Cells.Int(sts, "status", "readyReplicas"), Obj.Int(sts, 1, "spec", "replicas")),
            Cells.Age(sts, now), names, images);
    });

    public static TablePrinter DaemonSet { get; } = new(
    [
        TableColumn.NameColumn,
        new("Desired", "integer", D.DsDesired),
        new("Current", "integer", D.DsCurrent),
        new("Ready", "integer", D.DsReady),
        new("Up-to-date", "integer", D.DsUpdated),
        new("Available", "integer", D.DsAvailable),
        new("Node Selector", "string", D.NodeSelector),
        TableColumn.Age,
        ContainersColumn,
        ImagesColumn,
        TableColumn.Wide("Selector", D.DsSelector),
    ], (ds, now) =>
    {
        var podSpec = Obj.At(ds, "spec", "template", "spec");
        var (names, images) = Cells.Containers(podSpec);
        return Cells.Row(Obj.Name(ds), Cells.Int(ds, "status", "desiredNumberScheduled"), Cells.Int(ds, "status", "currentNumberScheduled"),
            Cells.Int(ds, "status", "numberReady"), Cells.Int(ds, "status", "updatedNumberScheduled"), Cells.Int(ds, "status", "numberAvailable"),
            Cells.FormatLabels(Obj.At(podSpec, "nodeSelector")), Cells.Age(ds, now), names, images, Cells.FormatLabelSelector(Obj.At(ds, "spec", "selector")));
    });

    public static TablePrinter ControllerRevision { get; } = new(
    [
        TableColumn.NameColumn,
        new("Controller", "string", "Controller of the object"),
        new("Revision", "string", D.Revision),
        TableColumn.Age,
    ], (cr, now) =>
    {
        var owner = Obj.Objects(cr, "metadata", "ownerReferences").FirstOrDefault(r => Obj.Bool(r, "controller"));
        var controller = owner is null ? "<none>" : Cells.KindName(Cells.Str(owner, "apiVersion"), Cells.Str(owner, "kind"), Cells.Str(owner, "name"));
        return Cells.Row(Obj.Name(cr), controller, Cells.Int(cr, "revision"), Cells.Age(cr, now));
    });
}
