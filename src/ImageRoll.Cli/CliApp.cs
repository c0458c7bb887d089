using System.CommandLine;
using System.Text.Json.Nodes;
using ImageRoll.Cli.Console;

namespace ImageRoll.Cli;

/// <summary>
/// The <c>imageroll</c> command line: builds the command tree, maps parse errors to exit code 2 and engine errors to
/// their exit codes, and never prints a stack trace unless asked for <c>--verbosity diag</c>.
/// </summary>
public static class CliApp
{
    public const int ExitSuccess = 0;
    public const int ExitUnexpected = 1;
    public const int ExitBadInput = 2;
    public const int ExitCancelled = 130;

    /// <summary>Each command file contributes a factory here; the command's action gets a <see cref="CommandContext"/>.</summary>
    private static readonly Func<CliIO, Command>[] CommandFactories =
    [
        Commands.TagCommand.Create,
        Commands.RolloutCommand.Create,
        Commands.StatusCommand.Create,
        Commands.PushCommand.Create,
        Commands.ResolveCommand.Create,
        Commands.CopyCommand.Create,
        Commands.BuildCommand.Create,
    ];

    public static RootCommand BuildRoot(CliIO io)
    {
        var root = new RootCommand("ImageRoll: build and push a container image, tag it into an OpenShift image stream, roll it out and report how it went.");
        root.Options.Add(CommonOptions.Output);
        root.Options.Add(CommonOptions.VerbosityOption);
        foreach (var factory in CommandFactories)
        {
            root.Subcommands.Add(factory(io));
        }

        return root;
    }

    public static async Task<int> RunAsync(string[] args, CliIO io, CancellationToken cancellationToken = default)
    {
        var root = BuildRoot(io);
        var parseResult = root.Parse(args);
        if (parseResult.Errors.Count > 0)
        {
            foreach (var error in parseResult.Errors)
            {
                io.Error.WriteLine($"error IR2000: {error.Message}");
            }

            io.Error.WriteLine($"  hint: run 'imageroll {string.Join(' ', parseResult.CommandResult.Command.Name == root.Name ? [] : new[] { parseResult.CommandResult.Command.Name })} --help' for the accepted arguments.".Replace("  --help", " --help", StringComparison.Ordinal));
            return ExitBadInput;
        }

        try
        {
            var config = new InvocationConfiguration { Output = io.Out, Error = io.Error, EnableDefaultExceptionHandler = false };
            return await parseResult.InvokeAsync(config, cancellationToken).ConfigureAwait(false);
        }
        catch (ImageRollException ex)
        {
            Report(parseResult, io, ex.Code, ex.Message, ex.Hint, ex.ExitCode);
            return ex.ExitCode;
        }
        catch (OperationCanceledException)
        {
            Report(parseResult, io, "IR2099", "Cancelled.", null, ExitCancelled);
            return ExitCancelled;
        }
#pragma warning disable CA1031 // The boundary: anything unforeseen becomes one line and exit code 1.
        catch (Exception ex)
#pragma warning restore CA1031
        {
            Report(parseResult, io, "IR2098", $"Unexpected error: {ex.GetType().Name}: {ex.Message}", "Re-run with --verbosity diag and report it; this is a bug in ImageRoll.", ExitUnexpected);
            if (IsDiagnostic(parseResult))
            {
                io.Error.WriteLine(ex.ToString());
            }

            return ExitUnexpected;
        }
    }

    private static bool IsDiagnostic(ParseResult parseResult) =>
        parseResult.GetValue(CommonOptions.VerbosityOption) is "diag" or "diagnostic";

    private static void Report(ParseResult parseResult, CliIO io, string code, string message, string? hint, int exitCode)
    {
        io.Error.WriteLine($"error {code}: {message}");
        if (hint is not null)
        {
            io.Error.WriteLine($"  hint: {hint}");
        }

        if (parseResult.GetValue(CommonOptions.Output) == OutputMode.Json)
        {
            var doc = new JsonObject
            {
                ["status"] = "failed",
                ["exitCode"] = exitCode,
                ["error"] = new JsonObject { ["code"] = code, ["message"] = message, ["hint"] = hint },
            };
            io.Out.WriteLine(doc.ToJsonString(new System.Text.Json.JsonSerializerOptions { WriteIndented = true }));
        }

        io.Out.Flush();
        io.Error.Flush();
    }
}
