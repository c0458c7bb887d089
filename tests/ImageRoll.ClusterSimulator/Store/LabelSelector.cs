using System.Text.Json.Nodes;

namespace ImageRoll.ClusterSimulator.Store;

/// <summary>
/// A label selector in the string syntax of k8s.io/apimachinery pkg/labels/selector.go:
/// <c>a=b</c>, <c>a==b</c>, <c>a!=b</c>, <c>a in (x,y)</c>, <c>a notin (x)</c>, <c>a</c>, <c>!a</c>, comma-separated.
/// </summary>
public sealed class LabelSelector
{
    private readonly List<Func<IReadOnlyDictionary<string, string>, bool>> _requirements = [];

    private LabelSelector()
    {
    }

    public static LabelSelector Everything { get; } = new();

    public bool IsEmpty => _requirements.Count == 0;

    /// <summary>Parses a selector; a malformed one is a 400 BadRequest as on the real server.</summary>
    public static LabelSelector Parse(string? text)
    {
        var selector = new LabelSelector();
        if (string.IsNullOrWhiteSpace(text))
        {
            return selector;
        }

        foreach (var part in SplitTopLevel(text))
        {
            selector._requirements.Add(ParseRequirement(part.Trim(), text));
        }

        return selector;
    }

    public bool Matches(JsonObject obj) => Matches(LabelsOf(obj));

    public bool Matches(IReadOnlyDictionary<string, string> labels) => _requirements.All(r => r(labels));

    public static Dictionary<string, string> LabelsOf(JsonObject obj)
    {
        var result = new Dictionary<string, string>(StringComparer.Ordinal);
        if (obj["metadata"]?["labels"] is JsonObject labels)
        {
            foreach (var (k, v) in labels)
            {
                if (v is JsonValue value && value.TryGetValue<string>(out var s))
                {
                    result[k] = s;
                }
            }
        }

        return result;
    }

    private static IEnumerable<string> SplitTopLevel(string text)
    {
        var depth = 0;
        var start = 0;
        for (var i = 0; i < text.Length; i++)
        {
            switch (text[i])
            {
                case '(': depth++; break;
                case ')': depth--; break;
                case ',' when depth == 0:
                    yield return text[start..i];
                    start = i + 1;
                    break;
            }
        }

        yield return text[start..];
    }

    private static Func<IReadOnlyDictionary<string, string>, bool> ParseRequirement(string part, string whole)
    {
        if (part.Length == 0)
        {
            throw Bad(whole);
        }

        if (part.StartsWith('!'))
        {
            var key = part[1..].Trim();
            ValidateKey(key, whole);
            return labels => !labels.ContainsKey(key);
        }

        var setMatch = System.Text.RegularExpressions.Regex.Match(part, @"^(\S+)\s+(in|notin)\s*\((.*)\)$");
        if (setMatch.Success)
        {
            var key = setMatch.Groups[1].Value;
            ValidateKey(key, whole);
            var values = setMatch.Groups[3].Value.Split(',').Select(v => v.Trim()).Where(v => v.Length > 0).ToHashSet(StringComparer.Ordinal);
            return setMatch.Groups[2].Value == "in"
                ? labels => labels.TryGetValue(key, out var v) && values.Contains(v)
                : labels => !labels.TryGetValue(key, out var v) || !values.Contains(v);
        }

        foreach (var op in new[] { "!=", "==", "=" })
        {
            var at = part.IndexOf(op, StringComparison.Ordinal);
            if (at > 0)
            {
                var key = part[..at].Trim();
                var value = part[(at + op.Length)..].Trim();
                ValidateKey(key, whole);
                return op == "!="
                    ? labels => !labels.TryGetValue(key, out var v) || v != value
                    : labels => labels.TryGetValue(key, out var v) && v == value;
            }
        }

        ValidateKey(part, whole);
        return labels => labels.ContainsKey(part);
    }

    private static void ValidateKey(string key, string whole)
    {
        if (key.Length == 0 || key.Any(c => char.IsWhiteSpace(c) || c is '(' or ')' or '=' or '!' or ','))
        {
            throw Bad(whole);
        }
    }

    private static ApiException Bad(string whole) =>
        ApiException.BadRequest($"unable to parse requirement: found '{whole}', expected: identifier");
}
