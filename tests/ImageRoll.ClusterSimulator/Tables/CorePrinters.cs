using System.Globalization;
using System.Text.Json.Nodes;
using ImageRoll.ClusterSimulator.Controllers.Core;
using D = ImageRoll.ClusterSimulator.Tables.ColumnDescriptions;

namespace ImageRoll.ClusterSimulator.Tables;

/// <summary>
/// Events, namespaces, services, config maps, secrets, service accounts, jobs, cron jobs and role bindings as
/// kubernetes pkg/printers/internalversion/printers.go prints them (printEvent, printNamespace, printService,
/// printConfigMap, printSecret, printServiceAccount, printJob, printCronJob, printRoleBinding).
/// </summary>
internal static class CorePrinters
{
    public static TablePrinter Event { get; } = new(
    [
        new("Last Seen", "string", D.EventLastTimestamp),
        new("Type", "string", D.EventType),
        new("Reason", "string", D.EventReason),
        new("Object", "string", D.EventInvolvedObject),
        TableColumn.Wide("Subobject", D.EventFieldPath),
        TableColumn.Wide("Source", D.EventSource),
        new("Message", "string", D.EventMessage),
        TableColumn.Wide("First Seen", D.EventFirstTimestamp),
        TableColumn.Wide("Count", D.EventCount),
        new("Name", "string", D.Name, Priority: 1, Format: "name"),
    ], (e, now) =>
    {
        var first = Obj.Str(e, "firstTimestamp") is { } f ? Cells.Since(f, now) : Cells.Since(Obj.Str(e, "eventTime"), now);
        var last = Obj.Str(e, "lastTimestamp") is { } l ? Cells.Since(l, now) : first;
        var count = Cells.Int(e, "count");
        if (Obj.At(e, "series") is JsonObject series)
        {
            last = Cells.Since(Obj.Str(series, "lastObservedTime"), now);
            count = Cells.Int(series, "count");
        }
        else if (count == 0)
        {
            count = 1;
        }

        var kind = Cells.Str(e, "involvedObject", "kind").ToLowerInvariant();
        var name = Cells.Str(e, "involvedObject", "name");
        var target = name.Length > 0 ? $"{kind}/{name}" : kind;
        var component = Obj.Str(e, "source", "component") is { Length: > 0 } c ? c : Cells.Str(e, "reportingComponent");
        var host = Obj.Str(e, "source", "host") is { Length: > 0 } h ? h : Cells.Str(e, "reportingInstance");
        var source = host.Length == 0 ? component : $"{component}, {host}";
        return Cells.Row(last, Cells.Str(e, "type"), Cells.Str(e, "reason"), target, Cells.Str(e, "involvedObject", "fieldPath"), source,
            Cells.Str(e, "message").Trim(), first, count, Obj.Name(e));
    });

    public static TablePrinter Namespace { get; } = new(
    [
        TableColumn.NameColumn,
        new("Status", "string", "The status of the namespace"),
        TableColumn.Age,
    ], (ns, now) => Cells.Row(Obj.Name(ns), Cells.Str(ns, "status", "phase"), Cells.Age(ns, now)));

    public static TablePrinter ConfigMap { get; } = new(
    [
        TableColumn.NameColumn,
        new("Data", "string", D.ConfigMapData),
        TableColumn.Age,
    ], (cm, now) => Cells.Row(Obj.Name(cm), (long)(Count(cm, "data") + Count(cm, "binaryData")), Cells.Age(cm, now)));

    public static TablePrinter Secret { get; } = new(
    [
        TableColumn.NameColumn,
        new("Type", "string", D.SecretType),
        new("Data", "string", D.SecretData),
        TableColumn.Age,
    ], (s, now) => Cells.Row(Obj.Name(s), Cells.Str(s, "type"), (long)Count(s, "data"), Cells.Age(s, now)));

    public static TablePrinter ServiceAccount { get; } = new(
    [
        TableColumn.NameColumn,
        new("Secrets", "string", D.ServiceAccountSecrets),
        TableColumn.Age,
    ], (sa, now) => Cells.Row(Obj.Name(sa), (long)Obj.Array(sa, "secrets").Count, Cells.Age(sa, now)));

    public static TablePrinter Service { get; } = new(
    [
        TableColumn.NameColumn,
        new("Type", "string", D.ServiceType),
        new("Cluster-IP", "string", D.ServiceClusterIP),
        new("External-IP", "string", D.ServiceExternalIPs),
        new("Port(s)", "string", D.ServicePorts),
        TableColumn.Age,
        TableColumn.Wide("Selector", D.ServiceSelector),
    ], (svc, now) =>
    {
        var type = Cells.Str(svc, "spec", "type");
        var clusterIPs = Obj.Array(svc, "spec", "clusterIPs").Select(n => n?.GetValue<string>()).ToList();
        var internalIP = clusterIPs.Count > 0 ? clusterIPs[0] ?? "" : Obj.Str(svc, "spec", "clusterIP") ?? "<none>";
        var externalIPs = string.Join(',', Obj.Array(svc, "spec", "externalIPs").Select(n => n?.GetValue<string>()));
        var external = type switch
        {
            "ClusterIP" or "NodePort" => externalIPs.Length > 0 ? externalIPs : "<none>",
            "LoadBalancer" => externalIPs.Length > 0 ? externalIPs : "<pending>",
            "ExternalName" => Cells.Str(svc, "spec", "externalName"),
            _ => "<unknown>",
        };
        var ports = string.Join(',', Obj.Objects(svc, "spec", "ports").Select(p => Cells.Int(p, "nodePort") > 0
            ? string.Create(CultureInfo.InvariantCulture, $"{Cells.Int(p, "port")}:{Cells.Int(p, "nodePort")}/{Cells.Str(p, "protocol")}")
            : string.Create(CultureInfo.InvariantCulture, $"{Cells.Int(p, "port")}/{Cells.Str(p, "protocol")}")));
        return Cells.Row(Obj.Name(svc), type, internalIP, external, ports.Length > 0 ? ports : "<none>", Cells.Age(svc, now),
            Cells.FormatLabels(Obj.At(svc, "spec", "selector")));
    });

    public static TablePrinter RoleBinding { get; } = new(
    [
        TableColumn.NameColumn,
        new("Role", "string", D.RoleBindingRoleRef),
        TableColumn.Age,
        TableColumn.Wide("Users", "Users in the roleBinding"),
        TableColumn.Wide("Groups", "Groups in the roleBinding"),
        TableColumn.Wide("ServiceAccounts", "ServiceAccounts in the roleBinding"),
    ], (rb, now) =>
    {
        var subjects = Obj.Objects(rb, "subjects").ToList();
        string Join(string kind) => string.Join(", ", subjects.Where(s => Obj.Str(s, "kind") == kind).Select(s => kind == "ServiceAccount"
            ? $"{Obj.Str(s, "namespace")}/{Obj.Str(s, "name")}"
            : Obj.Str(s, "name")));
        return Cells.Row(Obj.Name(rb), $"{Cells.Str(rb, "roleRef", "kind")}/{Cells.Str(rb, "roleRef", "name")}", Cells.Age(rb, now),
            Join("User"), Join("Group"), Join("ServiceAccount"));
    });

    private static int Count(JsonObject o, string field) => (o[field] as JsonObject)?.Count ?? 0;
}
