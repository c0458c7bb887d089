namespace ImageRoll.Tasks.Tests.EndToEnd;

/// <summary>The outputs ImageRollRelease gave the sample's own target, read back from the file it wrote.</summary>
public sealed class ReleaseOutputs
{
    private readonly Dictionary<string, string> _values = new(StringComparer.Ordinal);

    public string this[string key] => _values.TryGetValue(key, out var v) ? v : throw new KeyNotFoundException($"the release outputs have no {key}: {string.Join(", ", _values.Keys)}");

    /// <summary>Per workload: identity, Outcome, TriggerAction, Revision, Image.</summary>
    public List<string[]> Workloads { get; } = [];

    public static ReleaseOutputs Read(string path)
    {
        var outputs = new ReleaseOutputs();
        if (!File.Exists(path))
        {
            return outputs;
        }

        foreach (var line in File.ReadAllLines(path))
        {
            var eq = line.IndexOf('=', StringComparison.Ordinal);
            if (eq <= 0)
            {
                continue;
            }

            if (line[..eq] == "Workload")
            {
                outputs.Workloads.Add(line[(eq + 1)..].Split('|'));
            }
            else
            {
                outputs._values[line[..eq]] = line[(eq + 1)..];
            }
        }

        return outputs;
    }
}
