using System.Text.Json.Nodes;

namespace ImageRoll.ClusterSimulator.Tables;

/// <summary>
/// How one kind prints as a Table row: its column definitions and a function from an object (and the server's
/// "now", for ages) to the row's cells, in column order, wide columns included (the server always generates them;
/// kubectl drops priority-1 columns unless <c>-o wide</c>). <see cref="Conditions"/> gives optional row conditions
/// (a finished pod is <c>Completed</c>).
/// </summary>
public sealed record TablePrinter(IReadOnlyList<TableColumn> Columns, Func<JsonObject, DateTimeOffset, JsonArray> Cells)
{
    public Func<JsonObject, JsonArray?>? Conditions { get; init; }
}
