using ImageRoll.Cli;
using ImageRoll.Cli.Console;

namespace ImageRoll.Core.Tests.Cli;

/// <summary>Runs the imageroll command line in-process and captures what it writes.</summary>
public sealed record CliRun(int ExitCode, string Stdout, string Stderr)
{
    public static async Task<CliRun> RunAsync(params string[] args) => await RunAsync(new Dictionary<string, string?>(), args);

    public static async Task<CliRun> RunAsync(IReadOnlyDictionary<string, string?> env, params string[] args)
    {
        using var stdout = new StringWriter();
        using var stderr = new StringWriter();
        var io = new CliIO(stdout, stderr, name => env.TryGetValue(name, out var v) ? v : null, ErrorIsTerminal: false);
        var code = await CliApp.RunAsync(args, io, TestContext.Current.CancellationToken);
        return new CliRun(code, stdout.ToString(), stderr.ToString());
    }
}
