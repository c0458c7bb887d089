using System.CommandLine;
using ImageRoll.Cli.Binding;
using ImageRoll.Cli.Ci;
using ImageRoll.Cli.Console;
using ImageRoll.Cli.Reporting;
using ImageRoll.Docker;
using ImageRoll.Release;
using Microsoft.Extensions.Logging;

namespace ImageRoll.Cli.Commands;

/// <summary>
/// <c>imageroll release --image REG/REPO[:TAG|@sha256:D] [--project P | --dockerfile F [--context D] | --archive PATH]
/// --stream STREAM:TAG [--workload KIND/NAME]... --trigger wait|patch ...</c>: the whole flow through the engine's
/// <see cref="ReleaseRunner"/> under one deadline, rendered for a terminal, a log, GitHub Actions, Jenkins (JUnit)
/// and as one JSON document (docs/release.md).
/// </summary>
public static class ReleaseCommand
{
    public static Command Create(CliIO io)
    {
        var command = new Command("release", "Build or push the image, tag it into the image stream, trigger and follow the rollout, and report: one flow under one --timeout.")
        {
            CliOptions.ReleaseImage, CliOptions.Registry, CliOptions.Project, CliOptions.Dockerfile, CliOptions.BuildContext, CliOptions.Archive,
            CliOptions.Stream, CliOptions.Workload, CliOptions.Trigger, CliOptions.DryRun, CliOptions.RollbackOnFailure, CliOptions.NoWait,
            CliOptions.GracePeriod, CliOptions.TriggerGrace, CliOptions.IgnorePaused, CliOptions.Container,
            CliOptions.ReferencePolicy, CliOptions.ImportMode, CliOptions.CreateStream,
            CliOptions.BaseImage, CliOptions.BuildArgs, CliOptions.Labels, CliOptions.Target, CliOptions.Pull, CliOptions.NoCache, CliOptions.Configuration, CliOptions.ExtraTags,
            CliOptions.ArchiveRef, CliOptions.Junit, CliOptions.Report,
            CliOptions.Kubeconfig, CliOptions.ReleaseKubeContext, CliOptions.Namespace,
        };
        CliOptions.AddRegistryOptions(command);
        command.SetAction(async (parseResult, ct) =>
        {
            using var ctx = new CommandContext(parseResult, io);
            return await RunAsync(ctx, ct).ConfigureAwait(false);
        });
        return command;
    }

    /// <summary>The result document of a release that failed before it could start (CliApp's json mode for parse errors).</summary>
    public static string FailureDocument(ParseResult parseResult, ImageRollException error)
    {
        ArgumentNullException.ThrowIfNull(parseResult);
        return ReleaseJson.Serialize(FromError(parseResult.GetValue(CliOptions.ReleaseImage), error));
    }

    private static async Task<int> RunAsync(CommandContext ctx, CancellationToken ct)
    {
        var files = ctx.Binder.ReleaseFiles();
        var console = CreateConsole(ctx);
        ReleaseResult result;
        try
        {
            IReleaseObserver observer = ctx.Ci == CiKind.GitHubActions
                ? new CompositeReleaseObserver([new GitHubActionsReporter(ctx.IO.Error, ctx.Env), console])
                : console;
            result = await ReleaseAsync(ctx, observer, ct).ConfigureAwait(false);
        }
        finally
        {
            (console as IDisposable)?.Dispose();
        }

        return Write(ctx, result, files);
    }

    private static async Task<ReleaseResult> ReleaseAsync(CommandContext ctx, IReleaseObserver observer, CancellationToken ct)
    {
        ReleaseResult result;
        try
        {
            var options = ctx.Binder.ReleaseOptions();
            var docker = options.Source is DockerfileSource ? DockerConnectionOptions.FromEnvironment(ctx.Env) : null;
            return await ctx.RunAsync(
                async deadline =>
                {
                    using var engineLogs = EngineLogs(ctx, observer);
                    using var kube = ctx.CreateKubeClient(engineLogs);
                    using var registry = ctx.CreateRegistrySession(engineLogs);
                    var services = new ReleaseServices
                    {
                        Kube = kube,
                        Registry = registry,
                        Docker = docker is null ? null : () => new DockerEngineClient(docker, engineLogs.CreateLogger("ImageRoll.Docker")),
                        LoggerFactory = engineLogs,
                        Environment = ctx.Env,
                    };
                    return await new ReleaseRunner(services).RunAsync(options, observer, deadline).ConfigureAwait(false);
                },
                ct,
                TagCommand.EngineSlack).ConfigureAwait(false);
        }
        catch (ImageRollException ex)
        {
            // Bad input found while binding, or a client that could not be made: the same result document, outputs and
            // reports as the runner's (which calls Completed itself).
            result = FromError(ctx.Binder.ReleaseImageTextOrNull(), ex);
        }
        catch (OperationCanceledException) when (ct.IsCancellationRequested)
        {
            result = FromError(ctx.Binder.ReleaseImageTextOrNull(), CliApp.Cancelled());
        }

        observer.Completed(result);
        return result;
    }

    /// <summary>Reports (files first, so a CI step reading them finds them complete), then stdout, then the error on stderr.</summary>
    internal static int Write(CommandContext ctx, ReleaseResult result, (string? Junit, string? Report) files)
    {
        var exit = result.ExitCode;
        try
        {
            if (files.Report is { } report)
            {
                AtomicFile.Write(report, ReleaseJson.Serialize(result) + "\n");
            }

            if (files.Junit is { } junit)
            {
                AtomicFile.Write(junit, JUnitReport.ToXml(result));
            }
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            ErrorLines.Write(ctx.IO, CommandErrors.ReportNotWritten, $"Could not write a report file: {ex.Message}", "Check the --junit/--report paths are writable.");
            exit = exit == 0 ? 3 : exit;
        }

        if (ctx.Output == OutputMode.Json)
        {
            ctx.IO.Out.WriteLine(ReleaseJson.Serialize(result));
        }
        else
        {
            foreach (var line in ResultLines(result))
            {
                ctx.IO.Out.WriteLine(line);
            }
        }

        ctx.IO.Out.Flush();
        if (exit != 0 && result.DryRun && result.Plan is { } plan && PlanIsResult(ctx) && ctx.LogLevel <= LogLevel.Information)
        {
            // The failed dry run's plan (which check failed) goes with the error, on stderr.
            foreach (var line in ReleaseText.Plan(plan))
            {
                ctx.IO.Error.WriteLine(line);
            }
        }

        if (result.Error is { } e)
        {
            ErrorLines.Write(ctx.IO, e.Code, e.Message, e.Hint);
        }
        else if (result.Status == ReleaseStatus.Cancelled)
        {
            ErrorLines.Write(ctx.IO, CliApp.Cancelled());
        }

        return exit;
    }

    /// <summary>Text mode's results, only when the release succeeded: the plan of a dry run, one line per workload, and last the digest reference.</summary>
    private static IEnumerable<string> ResultLines(ReleaseResult result)
    {
        if (result.ExitCode != 0)
        {
            // Failure text never goes to stdout: the console and the error line on stderr tell it.
            yield break;
        }

        if (result.DryRun && result.Plan is { } plan)
        {
            foreach (var line in ReleaseText.Plan(plan))
            {
                yield return line;
            }
        }

        foreach (var w in result.Workloads)
        {
            yield return $"{w.Kind.ToLowerInvariant()}/{w.Name} {w.Outcome.ToString().ToLowerInvariant()}: {w.Message}";
        }

        if (result.DigestReference is { } digestReference)
        {
            yield return digestReference;
        }
    }

    internal static IReleaseObserver CreateConsole(CommandContext ctx)
    {
        var live = ctx.IO.ErrorIsTerminal && ctx.Ci == CiKind.None && ctx.Env("TERM") is not "dumb";
        ReleaseConsole console = live
            ? new LiveReleaseConsole(ctx.IO.Error, ctx.LogLevel, ctx.IO.TerminalWidth)
            : new PlainReleaseConsole(ctx.IO.Error, ctx.LogLevel);
        console.PlanIsResult = PlanIsResult(ctx);
        return console;
    }

    /// <summary>A text-mode dry run: the plan is the result (stdout), not progress (a bad --dry-run setting is reported by the run).</summary>
    private static bool PlanIsResult(CommandContext ctx)
    {
        try
        {
            return ctx.Output == OutputMode.Text && ctx.Binder.Flag(CliOptions.DryRun);
        }
        catch (ImageRollException)
        {
            return false;
        }
    }

    /// <summary>
    /// The engine's own log lines: warnings and errors (the console tells the story), everything with -v d or diag;
    /// through the console, so they never break a live block.
    /// </summary>
    internal static ILoggerFactory EngineLogs(CommandContext ctx, IReleaseObserver observer)
    {
        var level = ctx.LogLevel <= LogLevel.Debug ? ctx.LogLevel : (LogLevel)Math.Max((int)ctx.LogLevel, (int)LogLevel.Warning);
        var console = observer as ReleaseConsole ?? (observer as CompositeReleaseObserver)?.Console;
        var provider = console is null ? new StderrLoggerProvider(ctx.IO.Error, level) : new StderrLoggerProvider(console.Log, level);
        return new ProviderLoggerFactory(provider);
    }

    internal static ReleaseResult FromError(string? image, ImageRollException error) => new()
    {
        Status = error.Kind switch
        {
            FailureKind.BadInput => ReleaseStatus.BadInput,
            FailureKind.RolloutFailed => ReleaseStatus.RolloutFailed,
            FailureKind.TimedOut => ReleaseStatus.TimedOut,
            FailureKind.Cancelled => ReleaseStatus.Cancelled,
            _ => ReleaseStatus.Failed,
        },
        Image = image ?? string.Empty,
        Error = ReleaseError.From(error, null),
    };
}
