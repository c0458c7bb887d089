using System.Text.RegularExpressions;
using YamlDotNet.RepresentationModel;

namespace ImageRoll.Core.Tests.Samples;

/// <summary>
/// Finds the <c>imageroll</c> command lines of a file: in shell text, a logical line (backslash continuations
/// joined) whose command, after a <c>$ </c> prompt and <c>NAME=value</c> assignments, is <c>imageroll</c> or a path
/// ending in <c>/imageroll</c>; in Markdown, such lines of the fenced code blocks (a yaml block's <c>run:</c>
/// scripts, a groovy block's <c>sh</c> strings); in a workflow every <c>run:</c> script; in a Jenkinsfile every
/// <c>sh</c> string.
/// </summary>
public static partial class CommandExamples
{
    public static IEnumerable<CommandExample> FromFile(string path, string source)
    {
        var text = File.ReadAllText(path);
        var name = Path.GetFileName(path);
        return name switch
        {
            _ when name.EndsWith(".md", StringComparison.OrdinalIgnoreCase) => FromMarkdown(text, source),
            _ when name.EndsWith(".yml", StringComparison.OrdinalIgnoreCase) || name.EndsWith(".yaml", StringComparison.OrdinalIgnoreCase) => FromYaml(text, source, 1),
            _ when name == "Jenkinsfile" || name.EndsWith(".groovy", StringComparison.OrdinalIgnoreCase) => FromGroovy(text, source, 1),
            _ when name.EndsWith(".sh", StringComparison.OrdinalIgnoreCase) => FromShell(text, source, 1, "shell"),
            _ => [],
        };
    }

    /// <summary>Shell text: one example per logical line that runs imageroll.</summary>
    public static IEnumerable<CommandExample> FromShell(string text, string source, int firstLine, string kind)
    {
        var lines = text.ReplaceLineEndings("\n").Split('\n');
        for (var i = 0; i < lines.Length; i++)
        {
            var start = i;
            var logical = lines[i];
            while (EndsWithContinuation(logical) && i + 1 < lines.Length)
            {
                logical += "\n" + lines[++i];
            }

            var m = CommandStart().Match(logical);
            if (m.Success)
            {
                yield return new CommandExample($"{source}:{firstLine + start}", logical[m.Groups["cmd"].Index..].TrimEnd(), kind);
            }
        }
    }

    /// <summary>A YAML document (a workflow, or a docs block): the <c>run</c> script of every mapping that has one.</summary>
    public static IEnumerable<CommandExample> FromYaml(string text, string source, int firstLine)
    {
        var stream = new YamlStream();
        stream.Load(new StringReader(text));
        var found = new List<CommandExample>();
        foreach (var document in stream.Documents)
        {
            Walk(document.RootNode, found, source, firstLine);
        }

        return found;
    }

    /// <summary>Groovy (a Jenkinsfile): the script of every <c>sh '...'</c>, <c>sh '''...'''</c>, <c>sh "..."</c>, <c>sh(script: ...)</c>.</summary>
    public static IEnumerable<CommandExample> FromGroovy(string text, string source, int firstLine)
    {
        foreach (Match m in ShStep().Matches(text))
        {
            var line = firstLine + text[..m.Index].Count(c => c == '\n');
            var body = m.Groups["body"];
            var bodyLine = line + text[m.Index..body.Index].Count(c => c == '\n');
            // A backslash-newline is a continuation for Groovy and the shell alike: the command stays one logical line.
            foreach (var example in FromShell(body.Value, source, bodyLine, "sh step"))
            {
                yield return example;
            }
        }
    }

    public static IEnumerable<CommandExample> FromMarkdown(string text, string source)
    {
        var lines = text.ReplaceLineEndings("\n").Split('\n');
        var found = new List<CommandExample>();
        for (var i = 0; i < lines.Length; i++)
        {
            var fence = Fence().Match(lines[i]);
            if (!fence.Success)
            {
                continue;
            }

            var language = fence.Groups["lang"].Value.ToLowerInvariant();
            var first = i + 1;
            var end = first;
            while (end < lines.Length && !lines[end].TrimStart().StartsWith(fence.Groups["fence"].Value, StringComparison.Ordinal))
            {
                end++;
            }

            var block = string.Join('\n', lines[first..Math.Min(end, lines.Length)]);
            found.AddRange(language switch
            {
                "yaml" or "yml" => FromYaml(block, source, first + 1),
                "groovy" or "jenkinsfile" => FromGroovy(block, source, first + 1),
                _ => FromShell(block, source, first + 1, "shell"),
            });
            i = end;
        }

        return found;
    }

    private static void Walk(YamlNode node, List<CommandExample> found, string source, int firstLine)
    {
        switch (node)
        {
            case YamlMappingNode mapping:
                foreach (var (key, value) in mapping.Children)
                {
                    if (key is YamlScalarNode { Value: "run" } && value is YamlScalarNode { Value: { } script })
                    {
                        // A block scalar (run: | or run: >-) starts on the line after its indicator.
                        var line = firstLine + (int)value.Start.Line - 1 + (((YamlScalarNode)value).Style is YamlDotNet.Core.ScalarStyle.Literal or YamlDotNet.Core.ScalarStyle.Folded ? 1 : 0);
                        found.AddRange(FromShell(script, source, line, "run script"));
                    }
                    else
                    {
                        Walk(value, found, source, firstLine);
                    }
                }

                break;
            case YamlSequenceNode sequence:
                foreach (var child in sequence.Children)
                {
                    Walk(child, found, source, firstLine);
                }

                break;
        }
    }

    private static bool EndsWithContinuation(string line)
    {
        var n = 0;
        for (var i = line.Length - 1; i >= 0 && line[i] == '\\'; i--)
        {
            n++;
        }

        return n % 2 == 1;
    }

    /// <summary>Optional prompt and NAME=value assignments, then the command word: imageroll or a path ending in /imageroll.</summary>
    [GeneratedRegex("""^\s*(?:\$\s+)?(?:[A-Za-z_][A-Za-z0-9_]*=(?:"[^"]*"|'[^']*'|\S*)\s+)*(?<cmd>(?:"[^"\s]*/|[^\s"'=]*/)?imageroll"?(?:\s|$))""")]
    private static partial Regex CommandStart();

    [GeneratedRegex("""^\s*(?<fence>```+|~~~+)\s*(?<lang>[A-Za-z0-9_+-]*)""")]
    private static partial Regex Fence();

    [GeneratedRegex("""\bsh\s*\(?\s*(?:script:\s*)?(?<q>'''|\"\"\"|'|")(?<body>.*?)\k<q>""", RegexOptions.Singleline)]
    private static partial Regex ShStep();
}
