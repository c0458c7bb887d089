using System.Text.Json.Nodes;

namespace ImageRoll.ClusterSimulator.Tables;

/// <summary>
/// One <c>meta.k8s.io/v1 TableColumnDefinition</c>: name, type (string, integer, number, boolean, date), format
/// ("name" marks the object's name), description, and priority (0 = always printed, 1 = only with <c>-o wide</c>).
/// </summary>
public sealed record TableColumn(string Name, string Type, string Description, int Priority = 0, string Format = "")
{
    /// <summary>The first column of nearly every printer: the object's name.</summary>
    public static TableColumn NameColumn { get; } = new("Name", "string", ColumnDescriptions.Name, Format: "name");

    /// <summary>The AGE column, printed from creationTimestamp.</summary>
    public static TableColumn Age { get; } = new("Age", "string", ColumnDescriptions.CreationTimestamp);

    public static TableColumn Wide(string name, string description) => new(name, "string", description, Priority: 1);

    public JsonObject ToJson() => new()
    {
        ["name"] = Name,
        ["type"] = Type,
        ["format"] = Format,
        ["description"] = Description,
        ["priority"] = Priority,
    };
}
