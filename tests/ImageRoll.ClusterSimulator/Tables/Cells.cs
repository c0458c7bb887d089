using System.Globalization;
using System.Text;
using System.Text.Json.Nodes;
using ImageRoll.ClusterSimulator.Controllers.Core;

namespace ImageRoll.ClusterSimulator.Tables;

/// <summary>The small formatting helpers of kubernetes pkg/printers/internalversion/printers.go, over JSON objects.</summary>
internal static class Cells
{
    public static JsonArray Row(params object?[] cells)
    {
        var row = new JsonArray();
        foreach (var cell in cells)
        {
            row.Add(cell switch
            {
                null => null,
                string s => JsonValue.Create(s),
                long l => JsonValue.Create(l),
                int i => JsonValue.Create((long)i),
                bool b => JsonValue.Create(b),
                JsonNode n => n,
                _ => throw new ArgumentException($"unsupported cell {cell.GetType()}", nameof(cells)),
            });
        }

        return row;
    }

    /// <summary>translateTimestampSince: the AGE of a timestamp, "&lt;unknown&gt;" when unset.</summary>
    public static string Since(string? timestamp, DateTimeOffset now) =>
        Obj.ParseTime(timestamp) is { } t ? HumanDuration.Short(now - t) : "<unknown>";

    public static string Age(JsonObject o, DateTimeOffset now) => Since(Obj.Str(o, "metadata", "creationTimestamp"), now);

    /// <summary>layoutContainerCells: container names and images, comma-separated.</summary>
    public static (string Names, string Images) Containers(JsonNode? podSpec)
    {
        var containers = Obj.Objects(podSpec, "containers").ToList();
        return (string.Join(',', containers.Select(c => Obj.Str(c, "name") ?? "")),
                string.Join(',', containers.Select(c => Obj.Str(c, "image") ?? "")));
    }

    /// <summary>labels.FormatLabels: sorted <c>k=v</c> pairs, "&lt;none&gt;" when empty.</summary>
    public static string FormatLabels(JsonNode? map)
    {
        var pairs = Obj.StringMap(map).OrderBy(p => p.Key, StringComparer.Ordinal).Select(p => $"{p.Key}={p.Value}").ToList();
        return pairs.Count == 0 ? "<none>" : string.Join(',', pairs);
    }

    /// <summary>metav1.FormatLabelSelector: the selector's string form, "&lt;none&gt;" when it selects everything.</summary>
    public static string FormatLabelSelector(JsonNode? selector)
    {
        var text = SelectorString(selector);
        return text.Length == 0 ? "<none>" : text;
    }

    /// <summary>
    /// labels.Selector.String() of metav1.LabelSelectorAsSelector: requirements sorted by key; <c>k=v</c>,
    /// <c>k in (a,b)</c>, <c>k notin (a,b)</c>, <c>k</c>, <c>!k</c>.
    /// </summary>
    public static string SelectorString(JsonNode? selector)
    {
        var requirements = new List<(string Key, string Text)>();
        foreach (var (k, v) in Obj.StringMap(selector, "matchLabels"))
        {
            requirements.Add((k, $"{k}={v}"));
        }

        foreach (var e in Obj.Objects(selector, "matchExpressions"))
        {
            var key = Obj.Str(e, "key") ?? "";
            var values = string.Join(',', Obj.Array(e, "values").Select(v => v?.GetValue<string>() ?? "").Order(StringComparer.Ordinal));
            requirements.Add((key, Obj.Str(e, "operator") switch
            {
                "In" => $"{key} in ({values})",
                "NotIn" => $"{key} notin ({values})",
                "Exists" => key,
                "DoesNotExist" => "!" + key,
                var op => $"{key} {op} ({values})",
            }));
        }

        return string.Join(',', requirements.OrderBy(r => r.Key, StringComparer.Ordinal).Select(r => r.Text));
    }

    public static long Int(JsonNode? node, params string[] path) => Obj.Int(node, 0, path);

    public static string Str(JsonNode? node, params string[] path) => Obj.Str(node, path) ?? "";

    public static string Ratio(long a, long b) => string.Create(CultureInfo.InvariantCulture, $"{a}/{b}");

    /// <summary>formatResourceName with a kind: <c>kind.group/name</c> in lower case (<c>statefulset.apps/web</c>).</summary>
    public static string KindName(string apiVersion, string kind, string name)
    {
        var group = apiVersion.Contains('/', StringComparison.Ordinal) ? apiVersion[..apiVersion.IndexOf('/', StringComparison.Ordinal)] : "";
        var groupKind = new StringBuilder(kind);
        if (group.Length > 0)
        {
            groupKind.Append('.').Append(group);
        }

        return groupKind.ToString().ToLowerInvariant() + "/" + name;
    }
}
