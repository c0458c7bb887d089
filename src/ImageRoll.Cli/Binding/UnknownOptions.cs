using System.CommandLine;
using System.CommandLine.Parsing;

namespace ImageRoll.Cli.Binding;

/// <summary>
/// System.CommandLine hands a token like <c>--force</c> to a command's positional argument when one accepts more
/// values (so <c>rollout deployment/x --force</c> would fail later as "not KIND/NAME"). A token that looks like an
/// option, is not one of the command's, and comes before <c>--</c> is reported here as what it is.
/// </summary>
public static class UnknownOptions
{
    public static IReadOnlyList<string> Find(ParseResult parseResult)
    {
        ArgumentNullException.ThrowIfNull(parseResult);
        var unknown = new List<string>();
        foreach (var token in parseResult.Tokens)
        {
            if (token.Type == TokenType.DoubleDash)
            {
                break;
            }

            if (token.Type == TokenType.Argument && LooksLikeOption(token.Value) && !ConsumedByOption(parseResult, token))
            {
                unknown.Add(token.Value);
            }
        }

        foreach (var token in parseResult.UnmatchedTokens)
        {
            if (LooksLikeOption(token) && !unknown.Contains(token))
            {
                unknown.Add(token);
            }
        }

        return unknown;
    }

    private static bool LooksLikeOption(string value) =>
        value.Length > 1 && value[0] == '-' && !char.IsAsciiDigit(value[1]);

    private static bool ConsumedByOption(ParseResult parseResult, Token token)
    {
        for (SymbolResult? r = parseResult.CommandResult; r is not null; r = r.Parent)
        {
            if (r is CommandResult command && command.Children.OfType<OptionResult>().Any(o => o.Tokens.Any(t => ReferenceEquals(t, token))))
            {
                return true;
            }
        }

        return false;
    }
}
