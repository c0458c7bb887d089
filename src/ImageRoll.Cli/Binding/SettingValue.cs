namespace ImageRoll.Cli.Binding;

/// <summary>A setting found below the command line: its value(s) and where it came from, for error messages.</summary>
public sealed record SettingValue(IReadOnlyList<string> Values, string Source, bool IsList);
