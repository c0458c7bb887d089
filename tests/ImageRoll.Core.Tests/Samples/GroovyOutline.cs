namespace ImageRoll.Core.Tests.Samples;

/// <summary>
/// The block structure of a Groovy file (a declarative Jenkinsfile), read the way Groovy's lexer reads it: comments
/// (<c>//</c>, <c>/* */</c>) and strings (<c>'...'</c>, <c>"..."</c>, <c>'''...'''</c>, <c>"""..."""</c>, with
/// escapes) are skipped, <c>{ } ( ) [ ]</c> must nest, and every <c>{</c> block is named by the identifier in front
/// of it (<c>stage('x') {</c> and <c>withCredentials([...]) {</c> included), giving paths like
/// <c>pipeline/stages/stage/steps</c>.
/// </summary>
public sealed class GroovyOutline
{
    private readonly List<(string Path, int Start, int End)> _blocks = [];

    private GroovyOutline()
    {
    }

    public IReadOnlyList<(string Path, int Start, int End)> Blocks => _blocks;

    /// <summary>Parses <paramref name="text"/>; throws <see cref="FormatException"/> (with the line) when the delimiters do not nest.</summary>
    public static GroovyOutline Parse(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        var outline = new GroovyOutline();
        var open = new Stack<(char Close, int At, string? Path)>();
        var i = 0;
        while (i < text.Length)
        {
            var c = text[i];
            if (text.AsSpan(i).StartsWith("//"))
            {
                i = text.IndexOf('\n', i) is var nl and >= 0 ? nl : text.Length;
            }
            else if (text.AsSpan(i).StartsWith("/*"))
            {
                i = End(text, i, text.IndexOf("*/", i + 2, StringComparison.Ordinal), "/* */ comment") + 2;
            }
            else if (text.AsSpan(i).StartsWith("'''") || text.AsSpan(i).StartsWith("\"\"\""))
            {
                i = End(text, i, FindUnescaped(text, text.Substring(i, 3), i + 3), "string") + 3;
            }
            else if (c is '\'' or '"')
            {
                i = End(text, i, FindUnescaped(text, c.ToString(), i + 1), "string") + 1;
            }
            else if (c is '{' or '(' or '[')
            {
                string? path = null;
                if (c == '{')
                {
                    var parent = open.Select(o => o.Path).FirstOrDefault(p => p is not null);
                    var name = NameBefore(text, i);
                    path = parent is null ? name : $"{parent}/{name}";
                }

                open.Push((c switch { '{' => '}', '(' => ')', _ => ']' }, i, path));
                i++;
            }
            else if (c is '}' or ')' or ']')
            {
                if (open.Count == 0 || open.Peek().Close != c)
                {
                    throw new FormatException($"line {LineOf(text, i)}: '{c}' does not close {(open.Count == 0 ? "anything" : $"the '{text[open.Peek().At]}' of line {LineOf(text, open.Peek().At)}")}");
                }

                var (_, at, blockPath) = open.Pop();
                if (blockPath is not null)
                {
                    outline._blocks.Add((blockPath, at, i));
                }

                i++;
            }
            else
            {
                i++;
            }
        }

        if (open.Count > 0)
        {
            throw new FormatException($"line {LineOf(text, open.Peek().At)}: '{text[open.Peek().At]}' is never closed");
        }

        return outline;
    }

    /// <summary>The path of the innermost block around <paramref name="position"/> (empty outside every block).</summary>
    public string PathAt(int position) =>
        _blocks.Where(b => b.Start < position && position < b.End).OrderByDescending(b => b.Start).Select(b => b.Path).FirstOrDefault() ?? string.Empty;

    public static int LineOf(string text, int position) => text[..position].Count(ch => ch == '\n') + 1;

    /// <summary>The identifier in front of a '{', skipping one balanced (...) argument list: <c>stage('x') {</c> is "stage".</summary>
    private static string NameBefore(string text, int brace)
    {
        var j = brace - 1;
        while (j >= 0 && char.IsWhiteSpace(text[j]))
        {
            j--;
        }

        if (j >= 0 && text[j] == ')')
        {
            for (var depth = 0; j >= 0; j--)
            {
                depth += text[j] switch { ')' => 1, '(' => -1, _ => 0 };
                if (depth == 0)
                {
                    break;
                }
            }

            j--;
            while (j >= 0 && char.IsWhiteSpace(text[j]))
            {
                j--;
            }
        }

        var end = j + 1;
        while (j >= 0 && (char.IsAsciiLetterOrDigit(text[j]) || text[j] == '_'))
        {
            j--;
        }

        return end > j + 1 ? text[(j + 1)..end] : "{";
    }

    private static int FindUnescaped(string text, string quote, int from)
    {
        for (var k = from; k < text.Length; k++)
        {
            if (text[k] == '\\')
            {
                k++;
            }
            else if (text.AsSpan(k).StartsWith(quote))
            {
                return k;
            }
        }

        return -1;
    }

    private static int End(string text, int start, int end, string what) =>
        end >= 0 ? end : throw new FormatException($"line {LineOf(text, start)}: unterminated {what}");
}
