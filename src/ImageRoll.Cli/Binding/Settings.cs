using YamlDotNet.Core;
using YamlDotNet.RepresentationModel;

namespace ImageRoll.Cli.Binding;

/// <summary>
/// The settings below the command line: <c>IMAGEROLL_*</c> variables, then <c>imageroll.yaml</c> in the working
/// directory (a flat mapping of <see cref="SettingKeys"/> to a scalar or a list of scalars). The file is read once,
/// checked whole (an unknown key is IR2020, a malformed file IR2021, both exit 2) before any command runs.
/// </summary>
public sealed class Settings
{
    public const string FileName = "imageroll.yaml";

    private readonly Func<string, string?> _environment;
    private readonly Dictionary<string, IReadOnlyList<string>> _file;
    private readonly string? _path;

    private Settings(Func<string, string?> environment, Dictionary<string, IReadOnlyList<string>> file, string? path)
    {
        _environment = environment;
        _file = file;
        _path = path;
    }

    /// <summary>No variables, no file: only the command line counts (tests, the defaults).</summary>
    public static Settings None { get; } = new(_ => null, [], null);

    public static Settings Load(Func<string, string?> environment, string workingDirectory)
    {
        ArgumentNullException.ThrowIfNull(environment);
        var path = Path.Combine(workingDirectory, FileName);
        return new Settings(environment, File.Exists(path) ? ReadFile(path) : [], path);
    }

    /// <summary>The variable's value, else the file's, else null; <see cref="SettingValue.Source"/> names where it came from.</summary>
    public SettingValue? Find(SettingKey key)
    {
        ArgumentNullException.ThrowIfNull(key);
        if (key.Variable is { } variable && _environment(variable) is { Length: > 0 } text)
        {
            var separators = key.CommaSplits ? new[] { ',', '\n' } : ['\n'];
            var values = text.Split(separators, StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
            return new SettingValue(values, variable, values.Length > 1);
        }

        return _file.TryGetValue(key.Key, out var fromFile)
            ? new SettingValue(fromFile, $"'{key.Key}' in {_path}", fromFile.Count != 1)
            : null;
    }

    private static Dictionary<string, IReadOnlyList<string>> ReadFile(string path)
    {
        var stream = new YamlStream();
        try
        {
            using var reader = new StreamReader(path);
            stream.Load(reader);
        }
        catch (YamlException ex)
        {
            throw Malformed(path, $"it is not valid YAML at line {ex.Start.Line}: {ex.Message}");
        }
        catch (IOException ex)
        {
            throw Malformed(path, $"it cannot be read: {ex.Message}");
        }

        var values = new Dictionary<string, IReadOnlyList<string>>(StringComparer.Ordinal);
        if (stream.Documents.Count == 0 || stream.Documents[0].RootNode is YamlScalarNode { Value: null or "" })
        {
            return values;
        }

        if (stream.Documents[0].RootNode is not YamlMappingNode root)
        {
            throw Malformed(path, "its top level is not a mapping of settings (key: value lines)");
        }

        foreach (var (keyNode, valueNode) in root.Children)
        {
            var key = (keyNode as YamlScalarNode)?.Value ?? keyNode.ToString();
            if (SettingKeys.Named(key) is null)
            {
                throw new ImageRollException(CommandErrors.UnknownSettingsKey, FailureKind.BadInput,
                    $"{path} line {keyNode.Start.Line}: unknown setting '{key}'. Accepted: {string.Join(", ", SettingKeys.All.Select(k => k.Key))}.",
                    $"Fix or remove '{key}' (the keys are the long option names without '--', see docs/release.md).");
            }

            if (Scalars(valueNode) is not { } list)
            {
                throw Malformed(path, $"'{key}' (line {valueNode.Start.Line}) is neither a value nor a list of values");
            }

            if (list.Count > 0)
            {
                values[key] = list;
            }
        }

        return values;
    }

    private static List<string>? Scalars(YamlNode node) => node switch
    {
        YamlScalarNode { Value: null or "" or "~" } => [],
        YamlScalarNode s => [s.Value!],
        YamlSequenceNode seq when seq.Children.All(c => c is YamlScalarNode) => seq.Children.Select(c => ((YamlScalarNode)c).Value ?? string.Empty).ToList(),
        _ => null,
    };

    private static ImageRollException Malformed(string path, string why) =>
        new(CommandErrors.BadSettings, FailureKind.BadInput, $"{path}: {why}.", "Write imageroll.yaml as 'key: value' lines (lists as [a, b] or '- a' items), see docs/release.md.");
}
