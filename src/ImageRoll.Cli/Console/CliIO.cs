namespace ImageRoll.Cli.Console;

/// <summary>
/// The process's streams and environment, injectable so tests run commands in-process.
/// Stdout carries only results; everything else goes to stderr (docs/architecture.md, "Contracts", Streams).
/// </summary>
public sealed record CliIO(TextWriter Out, TextWriter Error, Func<string, string?> GetEnvironmentVariable, bool ErrorIsTerminal)
{
    public static CliIO FromConsole() => new(
        System.Console.Out,
        System.Console.Error,
        Environment.GetEnvironmentVariable,
        !System.Console.IsErrorRedirected);
}
