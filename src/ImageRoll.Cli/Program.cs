using ImageRoll.Cli.Console;

namespace ImageRoll.Cli;

internal static class Program
{
    public static Task<int> Main(string[] args) => CliApp.RunAsync(args, CliIO.FromConsole());
}
