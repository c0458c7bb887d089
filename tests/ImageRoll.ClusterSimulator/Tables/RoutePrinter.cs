using System.Globalization;
using System.Text.Json.Nodes;
using ImageRoll.ClusterSimulator.Controllers.Core;
using D = ImageRoll.ClusterSimulator.Tables.OpenShiftColumnDescriptions;

namespace ImageRoll.ClusterSimulator.Tables;

/// <summary>Routes as openshift-apiserver pkg/route/printers/internalversion/printer.go <c>printRoute</c> prints them.</summary>
internal static class RoutePrinter
{
    public static TablePrinter Printer { get; } = new(
    [
        TableColumn.NameColumn,
        new("Host/Port", "string", D.RouteHost),
        new("Path", "string", D.RoutePath),
        new("Services", "string", "Primary and alternate route backends."),
        new("Port", "string", D.RoutePort),
        new("Termination", "string", "Indicates termination type."),
        new("Wildcard", "string", D.RouteWildcardPolicy),
    ], RouteCells);

    private static JsonArray RouteCells(JsonObject route, DateTimeOffset now)
    {
        var spec = Obj.At(route, "spec");
        var termination = Cells.Str(spec, "tls", "termination");
        var insecure = Cells.Str(spec, "tls", "insecureEdgeTerminationPolicy");
        var host = Cells.Str(spec, "host");
        var (admitted, errors, matched, reason) = (0, 0, false, "");
        foreach (var ingress in Obj.Objects(route, "status", "ingress"))
        {
            var condition = Obj.Objects(ingress, "conditions").FirstOrDefault(c => Obj.Str(c, "type") == "Admitted");
            switch (Obj.Str(condition, "status"))
            {
                case "True":
                    admitted++;
                    if (!matched)
                    {
                        matched = Obj.Str(ingress, "host") == Obj.Str(spec, "host");
                        host = Cells.Str(ingress, "host");
                    }

                    break;
                case "False":
                    reason = Cells.Str(condition, "reason");
                    errors++;
                    break;
            }
        }

        if (Obj.At(route, "status", "ingress") is JsonArray)
        {
            host = (admitted, errors) switch
            {
                (0, > 0) => reason,
                (_, > 0) => string.Create(CultureInfo.InvariantCulture, $"{host} ... {errors} rejected"),
                (0, _) => "Pending",
                ( > 1, _) => string.Create(CultureInfo.InvariantCulture, $"{host} ... {admitted - 1} more"),
                _ => host,
            };
        }

        var policy = (termination.Length, insecure.Length) switch
        {
            ( > 0, > 0) => $"{termination}/{insecure}",
            ( > 0, _) => termination,
            (_, > 0) => $"default/{insecure}",
            _ => "",
        };

        var port = Obj.At(spec, "port", "targetPort") is JsonValue target ? target.ToString() : "<all>";
        return Cells.Row(Obj.Name(route), host, Cells.Str(spec, "path"), Backends(spec), port, policy, Cells.Str(spec, "wildcardPolicy"));
    }

    private static string Backends(JsonNode? spec)
    {
        var backends = new List<JsonObject>();
        if (Obj.At(spec, "to") is JsonObject to)
        {
            backends.Add(to);
        }

        backends.AddRange(Obj.Objects(spec, "alternateBackends"));
        var total = backends.Sum(b => Obj.At(b, "weight") is JsonValue ? Obj.Int(b, 0, "weight") : 0);
        return string.Join(',', backends.Select(b =>
        {
            var name = Cells.Str(b, "name");
            if (Obj.At(b, "weight") is not JsonValue || (backends.Count == 1 && total != 0))
            {
                return name;
            }

            return total == 0 ? $"{name}(0%)" : string.Create(CultureInfo.InvariantCulture, $"{name}({Obj.Int(b, 0, "weight") * 100 / total}%)");
        }));
    }
}
