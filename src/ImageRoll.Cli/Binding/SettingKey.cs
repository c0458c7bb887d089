using System.CommandLine;

namespace ImageRoll.Cli.Binding;

/// <summary>
/// One setting: the option(s) it fills, its key in <c>imageroll.yaml</c> and its <c>IMAGEROLL_*</c> variable (if any).
/// <see cref="Shared"/> settings are read by every command that has the option; the others only by <c>release</c>.
/// A list in a variable is split at newlines and, unless <see cref="CommaSplits"/> is false, at commas.
/// </summary>
public sealed record SettingKey(string Key, bool Shared, IReadOnlyList<Option> Options)
{
    public bool CommaSplits { get; init; } = true;

    /// <summary>
    /// The variable that sets it; null when the setting has none (its name is taken by another meaning: see
    /// <see cref="SettingKeys"/>).
    /// </summary>
    public string? Variable { get; init; } = "IMAGEROLL_" + Key.ToUpperInvariant().Replace('-', '_');

    public bool IsFor(Option option) => Options.Contains(option);
}
