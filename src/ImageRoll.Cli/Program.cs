using ImageRoll.Cli.Console;

namespace ImageRoll.Cli;

internal static class Program
{
    public static async Task<int> Main(string[] args)
    {
        var io = CliIO.FromConsole();
        using var cancel = new CancellationTokenSource();
        using var signals = new SignalShutdown(cancel);
        var run = CliApp.RunAsync(args, io, cancel.Token);
        if (await Task.WhenAny(run, signals.GraceExpired).ConfigureAwait(false) == run)
        {
            return await run.ConfigureAwait(false);
        }

        // A step did not stop within the grace after the signal: say so as the command would have, and leave.
        return CliApp.Report(CliApp.BuildRoot(io).Parse(args), io, CliApp.Cancelled());
    }
}
