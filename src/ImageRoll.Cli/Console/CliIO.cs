namespace ImageRoll.Cli.Console;

/// <summary>
/// The process's streams, environment and working directory, injectable so tests run commands in-process.
/// Stdout carries only results; everything else goes to stderr (docs/architecture.md, "Contracts", Streams).
/// </summary>
public sealed record CliIO(TextWriter Out, TextWriter Error, Func<string, string?> GetEnvironmentVariable, bool ErrorIsTerminal)
{
    /// <summary>Where relative paths and <c>imageroll.yaml</c> are looked up.</summary>
    public string WorkingDirectory { get; init; } = Environment.CurrentDirectory;

    /// <summary>The terminal's width for live progress (0: unknown, lines are not cut).</summary>
    public int TerminalWidth { get; init; }

    public static CliIO FromConsole() => new(
        System.Console.Out,
        System.Console.Error,
        Environment.GetEnvironmentVariable,
        !System.Console.IsErrorRedirected)
    {
        TerminalWidth = System.Console.IsErrorRedirected ? 0 : SafeWidth(),
    };

    private static int SafeWidth()
    {
        try
        {
            return System.Console.WindowWidth;
        }
        catch (IOException)
        {
            return 0;
        }
    }
}
