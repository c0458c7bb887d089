using Microsoft.Extensions.Logging;

namespace ImageRoll.Cli.Console;

/// <summary>dotnet's verbosity words: q[uiet], m[inimal], n[ormal], d[etailed], diag[nostic].</summary>
public static class Verbosity
{
    public static readonly string[] Accepted = ["q", "quiet", "m", "minimal", "n", "normal", "d", "detailed", "diag", "diagnostic"];

    public static LogLevel ToLogLevel(string value) => value switch
    {
        "q" or "quiet" => LogLevel.Error,
        "m" or "minimal" => LogLevel.Warning,
        "n" or "normal" => LogLevel.Information,
        "d" or "detailed" => LogLevel.Debug,
        "diag" or "diagnostic" => LogLevel.Trace,
        _ => throw new ImageRollException(CommandErrors.BadVerbosity, FailureKind.BadInput,
            $"--verbosity '{value}' is not a verbosity level.",
            "Use q, m, n, d or diag (or quiet, minimal, normal, detailed, diagnostic)."),
    };
}
