using System.Text;

namespace ImageRoll.Core.Tests.Samples;

/// <summary>
/// The words a POSIX shell passes to a command for one simple command line, enough for the command examples of the
/// docs and samples: blanks split words; <c>'...'</c> is literal; <c>"..."</c> keeps blanks and expands variables;
/// a backslash quotes the next character (and with a newline continues the line); <c>$NAME</c>, <c>${NAME}</c> and
/// <c>"${NAME[@]}"</c> (an array: one word per element) come from <c>variables</c>. The command ends at an unquoted
/// <c>; &amp; | &lt; &gt; )</c>, a newline or a <c>#</c> comment. Command substitution <c>$(...)</c> is refused.
/// </summary>
public static class ShellWords
{
    /// <summary>Splits <paramref name="line"/>; <paramref name="variables"/> returns a variable's words, or throws for an unknown one.</summary>
    public static IReadOnlyList<string> Split(string line, Func<string, IReadOnlyList<string>> variables)
    {
        ArgumentNullException.ThrowIfNull(line);
        ArgumentNullException.ThrowIfNull(variables);
        var words = new List<string>();
        var word = new StringBuilder();
        var inWord = false;
        var i = 0;

        void Finish()
        {
            if (inWord)
            {
                words.Add(word.ToString());
            }

            word.Clear();
            inWord = false;
        }

        while (i < line.Length)
        {
            var c = line[i];
            if (c is ' ' or '\t')
            {
                Finish();
                i++;
            }
            else if (c is ';' or '&' or '|' or '<' or '>' or ')' or '\n' || (c == '#' && !inWord))
            {
                break;
            }
            else if (c == '\\')
            {
                if (i + 1 < line.Length && line[i + 1] != '\n')
                {
                    word.Append(line[i + 1]);
                    inWord = true;
                }

                i += 2;
            }
            else if (c == '\'')
            {
                var end = line.IndexOf('\'', i + 1);
                if (end < 0)
                {
                    throw new FormatException($"unterminated ' in: {line}");
                }

                word.Append(line, i + 1, end - i - 1);
                inWord = true;
                i = end + 1;
            }
            else if (c == '"')
            {
                i = DoubleQuoted(line, i + 1, word, words, variables, ref inWord);
            }
            else if (c == '$')
            {
                var (name, next) = VariableName(line, i);
                var values = variables(name);
                if (values.Count == 1 || inWord)
                {
                    word.Append(string.Join(' ', values));
                    inWord = true;
                }
                else
                {
                    // Unquoted: the shell splits the value into words (an empty value is no word at all).
                    words.AddRange(values.SelectMany(v => v.Split(' ', StringSplitOptions.RemoveEmptyEntries)));
                }

                i = next;
            }
            else
            {
                word.Append(c);
                inWord = true;
                i++;
            }
        }

        Finish();
        return words;
    }

    private static int DoubleQuoted(string line, int i, StringBuilder word, List<string> words, Func<string, IReadOnlyList<string>> variables, ref bool inWord)
    {
        inWord = true;
        while (i < line.Length && line[i] != '"')
        {
            if (line[i] == '\\' && i + 1 < line.Length && line[i + 1] is '"' or '\\' or '$' or '`')
            {
                word.Append(line[i + 1]);
                i += 2;
            }
            else if (line[i] == '$')
            {
                var (name, next) = VariableName(line, i);
                var values = variables(name);
                if (name.EndsWith("[@]", StringComparison.Ordinal) && word.Length == 0 && next < line.Length && line[next] == '"')
                {
                    // "${a[@]}" alone in its word: one word per element, none for an empty array.
                    words.AddRange(values);
                    inWord = false;
                    return next + 1;
                }

                word.Append(string.Join(' ', values));
                i = next;
            }
            else
            {
                word.Append(line[i]);
                i++;
            }
        }

        if (i >= line.Length)
        {
            throw new FormatException($"unterminated \" in: {line}");
        }

        return i + 1;
    }

    /// <summary>The variable at <paramref name="i"/> (<c>$NAME</c>, <c>${NAME}</c>, <c>${NAME[@]}</c>, <c>${NAME:-...}</c> as NAME) and the index after it.</summary>
    private static (string Name, int Next) VariableName(string line, int i)
    {
        if (i + 1 < line.Length && line[i + 1] == '(')
        {
            throw new FormatException($"command substitution $(...) in an example is not supported: {line}");
        }

        if (i + 1 < line.Length && line[i + 1] == '{')
        {
            var end = line.IndexOf('}', i + 2);
            if (end < 0)
            {
                throw new FormatException($"unterminated ${{ in: {line}");
            }

            var inner = line[(i + 2)..end];
            var name = inner.EndsWith("[@]", StringComparison.Ordinal) ? inner : new string(inner.TakeWhile(IsNameChar).ToArray());
            return (name, end + 1);
        }

        var j = i + 1;
        while (j < line.Length && IsNameChar(line[j]))
        {
            j++;
        }

        if (j == i + 1)
        {
            throw new FormatException($"a lone $ in: {line}");
        }

        return (line[(i + 1)..j], j);
    }

    private static bool IsNameChar(char c) => char.IsAsciiLetterOrDigit(c) || c == '_';
}
