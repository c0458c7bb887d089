using System.CommandLine;
using System.Text.Json.Nodes;
using ImageRoll.Cli.Binding;
using ImageRoll.Cli.Ci;
using ImageRoll.Cli.Console;

namespace ImageRoll.Cli;

/// <summary>
/// The <c>imageroll</c> command line: builds the command tree, maps parse errors (and unknown options) to exit code 2
/// and engine errors to their exit codes, and never prints a stack trace unless asked for <c>--verbosity diag</c>.
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
        Commands.ReleaseCommand.Create,
        Commands.PromoteCommand.Create,
        Commands.BuildCommand.Create,
        Commands.PushCommand.Create,
        Commands.ResolveCommand.Create,
        Commands.CopyCommand.Create,
        Commands.TagCommand.Create,
        Commands.RolloutCommand.Create,
        Commands.StatusCommand.Create,
    ];

    public static RootCommand BuildRoot(CliIO io)
    {
        var root = new RootCommand("ImageRoll: build and push a container image, tag it into an OpenShift image stream, roll it out and report how it went.");
        root.Options.Add(CliOptions.Output);
        root.Options.Add(CliOptions.Verbosity);
        root.Options.Add(CliOptions.Timeout);
        foreach (var factory in CommandFactories)
        {
            root.Subcommands.Add(factory(io));
        }

        return root;
    }

    public static async Task<int> RunAsync(string[] args, CliIO io, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(io);
        var root = BuildRoot(io);
        var parseResult = root.Parse(args);
        var unknown = UnknownOptions.Find(parseResult);
        if (unknown.Count > 0 || parseResult.Errors.Count > 0)
        {
            return Report(parseResult, io, ParseError(parseResult, unknown, io));
        }

        try
        {
            // Signals are handled by the host (Program), which cancels cancellationToken; System.CommandLine's own
            // handler would exit 143 on SIGTERM and race with ours.
            var config = new InvocationConfiguration { Output = io.Out, Error = io.Error, EnableDefaultExceptionHandler = false, ProcessTerminationTimeout = null };
            return await parseResult.InvokeAsync(config, cancellationToken).ConfigureAwait(false);
        }
        catch (ImageRollException ex)
        {
            return Report(parseResult, io, ex);
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            return Report(parseResult, io, Cancelled());
        }
#pragma warning disable CA1031 // The boundary: anything unforeseen becomes one line and exit code 1.
        catch (Exception ex)
#pragma warning restore CA1031
        {
            // The exit code is the one the json document (release's too) says: 1.
            var exit = Report(parseResult, io, Unexpected(ex));
            if (IsDiagnostic(parseResult))
            {
                io.Error.WriteLine(ex.ToString());
            }

            return exit;
        }
    }

    /// <summary>
    /// IR2000 for what System.CommandLine refused (unknown options named as such, missing arguments by name), unless
    /// a global option's own check (--output, --verbosity: IR2002/IR2003) says more.
    /// </summary>
    private static ImageRollException ParseError(ParseResult parseResult, IReadOnlyList<string> unknown, CliIO io)
    {
        try
        {
            var binder = new CommandBinder(parseResult, Settings.None, io.GetEnvironmentVariable, io.WorkingDirectory);
            _ = binder.Output;
            _ = binder.LogLevel;
        }
        catch (ImageRollException ex)
        {
            return ex;
        }

        var command = parseResult.CommandResult.Command;
        var name = command.Parents.Any() ? $"imageroll {command.Name}" : "imageroll";
        var missing = command.Arguments.Where(a => a.Arity.MinimumNumberOfValues > 0 && (parseResult.GetResult(a)?.Tokens.Count ?? 0) < a.Arity.MinimumNumberOfValues).Select(a => a.Name).ToList();
        var message = unknown.Count > 0
            ? $"unknown option{(unknown.Count > 1 ? "s" : string.Empty)} {string.Join(", ", unknown.Select(u => $"'{u}'"))} for '{name}'."
            : missing.Count > 0
                ? $"'{name}' needs {string.Join(" and ", missing)}."
                : string.Join(" ", parseResult.Errors.Select(e => e.Message));
        return new ImageRollException(CommandErrors.BadCommandLine, FailureKind.BadInput, message, $"Run '{name} --help' for the accepted arguments.");
    }

    /// <summary>IR2098, exit 1 (<see cref="ExitUnexpected"/>): what a bug in ImageRoll ends a command with.</summary>
    public static ImageRollException Unexpected(Exception ex)
    {
        ArgumentNullException.ThrowIfNull(ex);
        return new(CommandErrors.Unexpected, FailureKind.Unexpected, $"Unexpected error: {ex.GetType().Name}: {ex.Message}", "Re-run with --verbosity diag and report it; this is a bug in ImageRoll.");
    }

    /// <summary>IR2099, exit 130: what a signal (SIGINT, SIGTERM) ends a command with.</summary>
    public static ImageRollException Cancelled() =>
        new(CommandErrors.Cancelled, FailureKind.Cancelled, "Cancelled.", "The command was interrupted (SIGINT or SIGTERM); nothing after the interruption was done.");

    /// <summary>
    /// Prints an error as every command does: <c>error IRnnnn: message</c> and <c>hint:</c> on stderr, a
    /// <c>::error</c> workflow command under GitHub Actions, and in json mode the one document on stdout (for
    /// <c>release</c> its result document). Returns the exit code.
    /// </summary>
    public static int Report(ParseResult parseResult, CliIO io, ImageRollException error)
    {
        ArgumentNullException.ThrowIfNull(parseResult);
        ArgumentNullException.ThrowIfNull(io);
        ArgumentNullException.ThrowIfNull(error);
        ErrorLines.Write(io, error);
        if (OutputModeOf(parseResult, io) == OutputMode.Json)
        {
            io.Out.WriteLine(parseResult.CommandResult.Command.Name is "release" or "promote"
                ? Commands.ReleaseCommand.FailureDocument(parseResult, error)
                : new JsonObject
                {
                    ["status"] = "failed",
                    ["exitCode"] = error.ExitCode,
                    ["error"] = new JsonObject { ["code"] = error.Code, ["message"] = error.Message, ["hint"] = error.Hint },
                }.ToJsonString(Json.Indented));
        }

        io.Out.Flush();
        io.Error.Flush();
        return error.ExitCode;
    }

    /// <summary>The output mode when the command could not bind it (a parse error, a bad setting): text unless json is certain.</summary>
    private static OutputMode OutputModeOf(ParseResult parseResult, CliIO io)
    {
        try
        {
            return new CommandBinder(parseResult, Settings.Load(io.GetEnvironmentVariable, io.WorkingDirectory), io.GetEnvironmentVariable, io.WorkingDirectory).Output;
        }
        catch (ImageRollException)
        {
            // Json is certain when every value given for -o is json (-o json -o json), never a guess.
            var given = parseResult.GetResult(CliOptions.Output)?.Tokens.Select(t => t.Value.Trim()).ToList() ?? [];
            return given.Count > 0 && given.All(v => string.Equals(v, "json", StringComparison.OrdinalIgnoreCase)) ? OutputMode.Json : OutputMode.Text;
        }
    }

    private static bool IsDiagnostic(ParseResult parseResult) =>
        parseResult.GetResult(CliOptions.Verbosity)?.Tokens is [var only] && only.Value is "diag" or "diagnostic";
}
