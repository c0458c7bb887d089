using System.Globalization;
using System.Text;

namespace ImageRoll.Cli.Ci;

/// <summary>
/// GitHub Actions workflow commands and file commands, escaped as actions/toolkit does (packages/core/src/command.ts
/// escapeData/escapeProperty; file-command.ts prepareKeyValueMessage for the heredoc form). The runner reads workflow
/// commands from stderr as well as stdout (actions/runner src/Runner.Worker/Handlers/ScriptHandler.cs hands both
/// streams to an OutputManager), so they go to stderr and stdout keeps only results.
/// </summary>
public static class WorkflowCommands
{
    public static string EscapeData(string value) =>
        (value ?? string.Empty).Replace("%", "%25", StringComparison.Ordinal).Replace("\r", "%0D", StringComparison.Ordinal).Replace("\n", "%0A", StringComparison.Ordinal);

    public static string EscapeProperty(string value) =>
        EscapeData(value).Replace(":", "%3A", StringComparison.Ordinal).Replace(",", "%2C", StringComparison.Ordinal);

    /// <summary><c>::add-mask::</c> lines for a secret: each line of a multi-line value is masked on its own, as the runner masks line by line.</summary>
    public static IEnumerable<string> AddMask(string secret) =>
        (secret ?? string.Empty).Split('\n').Select(l => l.TrimEnd('\r')).Where(l => l.Length > 0).Select(l => $"::add-mask::{EscapeData(l)}");

    public static string Group(string title) => $"::group::{EscapeData(title)}";

    public static string EndGroup => "::endgroup::";

    public static string Error(string code, string message) => $"::error title={EscapeProperty(code)}::{EscapeData(message)}";

    public static string Warning(string code, string message) => $"::warning title={EscapeProperty(code)}::{EscapeData(message)}";

    /// <summary>
    /// <c>name&lt;&lt;DELIMITER</c>, the value, <c>DELIMITER</c>: the form that is safe for any value. The delimiter is
    /// random and checked against name and value, as file-command.ts does.
    /// </summary>
    public static string KeyValue(string name, string value)
    {
        ArgumentNullException.ThrowIfNull(name);
        var delimiter = $"ghadelimiter_{Guid.NewGuid():D}";
        if (name.Contains(delimiter, StringComparison.Ordinal) || (value ?? string.Empty).Contains(delimiter, StringComparison.Ordinal))
        {
            throw new InvalidOperationException("The output value contains the random delimiter.");
        }

        return string.Create(CultureInfo.InvariantCulture, $"{name}<<{delimiter}\n{value}\n{delimiter}\n");
    }

    /// <summary>Appends to a file the runner gave us ($GITHUB_OUTPUT, $GITHUB_STEP_SUMMARY): UTF-8 without a BOM.</summary>
    public static void Append(string path, string text) => File.AppendAllText(path, text, new UTF8Encoding(false));
}
