using System.Text.Json;

namespace ImageRoll.Cli.Console;

/// <summary>The serializer options of every JSON document the CLI writes.</summary>
public static class Json
{
    public static readonly JsonSerializerOptions Indented = new() { WriteIndented = true };
}
