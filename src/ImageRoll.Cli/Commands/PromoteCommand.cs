using System.CommandLine;
using ImageRoll.Cli.Binding;
using ImageRoll.Cli.Ci;
using ImageRoll.Cli.Console;
using ImageRoll.Cli.Reporting;
using ImageRoll.Kubernetes;
using ImageRoll.Release;
using Microsoft.Extensions.Logging;

namespace ImageRoll.Cli.Commands;

/// <summary>
/// <c>imageroll promote SOURCE_STREAM:TAG DESTINATION_STREAM:TAG [-n NS] [--to-context CTX] [--workload KIND/NAME]...</c>:
/// the image the source tag holds, never rebuilt, into the destination tag (as <c>oc tag</c> does in one cluster; by a
/// copy into the destination cluster's integrated registry with <c>--to-context</c>), then the release's trigger,
/// rollout and report (docs/openshift-native.md). Same options, outputs, reports and exit codes as <c>release</c>.
/// </summary>
public static class PromoteCommand
{
    public static Command Create(CliIO io)
    {
        var from = new Argument<string>("SOURCE_STREAM:TAG") { Description = "The stream tag whose image to promote (NAMESPACE/STREAM:TAG for another namespace)." };
        var to = new Argument<string>("DESTINATION_STREAM:TAG") { Description = "The stream tag to set to it; its workloads are rolled out (NAMESPACE/STREAM:TAG for another namespace)." };
        var command = new Command("promote", "Promote the image of one image stream tag to another (another namespace, or another cluster with --to-context): the same digest, never a rebuild; then trigger, follow and report as a release.")
        {
            from, to, CliOptions.ToContext, CliOptions.Workload, CliOptions.Trigger, CliOptions.DryRun, CliOptions.RollbackOnFailure, CliOptions.NoWait,
            CliOptions.GracePeriod, CliOptions.TriggerGrace, CliOptions.IgnorePaused, CliOptions.Container, CliOptions.ReferencePolicy, CliOptions.ImportMode,
            CliOptions.Junit, CliOptions.Report,
        };
        CliOptions.AddClusterOptions(command);
        CliOptions.AddRegistryOptions(command);
        command.SetAction(async (parseResult, ct) =>
        {
            using var ctx = new CommandContext(parseResult, io);
            var files = ctx.Binder.ReleaseFiles();
            var console = ReleaseCommand.CreateConsole(ctx);
            ReleaseResult result;
            try
            {
                IReleaseObserver observer = ctx.Ci == CiKind.GitHubActions
                    ? new CompositeReleaseObserver([new GitHubActionsReporter(ctx.IO.Error, ctx.Env), console])
                    : console;
                result = await PromoteAsync(ctx, parseResult.GetValue(from)!, parseResult.GetValue(to)!, observer, ct).ConfigureAwait(false);
            }
            finally
            {
                (console as IDisposable)?.Dispose();
            }

            return ReleaseCommand.Write(ctx, result, files);
        });
        return command;
    }

    private static async Task<ReleaseResult> PromoteAsync(CommandContext ctx, string fromText, string toText, IReleaseObserver observer, CancellationToken ct)
    {
        ReleaseResult result;
        try
        {
            var options = ctx.Binder.PromoteOptions(fromText, toText);
            var destination = ctx.Binder.PromoteDestination;
            return await ctx.RunAsync(
                async deadline =>
                {
                    using var engineLogs = ReleaseCommand.EngineLogs(ctx, observer);
                    using var current = ctx.CreateKubeClient(engineLogs);
                    using var other = destination is null ? null : Client(ctx, destination, engineLogs);

                    // Another context of the same API server is the same cluster: tag, do not copy.
                    var crossCluster = other is not null && other.Config.Server != current.Config.Server;
                    using var registry = ctx.CreateRegistrySession(engineLogs);
                    var services = new ReleaseServices
                    {
                        Kube = other ?? current,
                        Registry = registry,
                        SourceKube = crossCluster ? current : null,
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
            result = ReleaseCommand.FromError(null, ex);
        }
        catch (OperationCanceledException) when (ct.IsCancellationRequested)
        {
            result = ReleaseCommand.FromError(null, CliApp.Cancelled());
        }

        observer.Completed(result);
        return result;
    }

    /// <summary>The destination context's client, its credentials masked as every client's are.</summary>
    private static KubeApiClient Client(CommandContext ctx, KubeConnectionOptions destination, ILoggerFactory loggers)
    {
        var config = KubeconfigLoader.Load(destination, ctx.Env);
        var logger = loggers.CreateLogger("ImageRoll.Kubernetes");
        logger.LogDebug("Destination cluster {Server}, context {Context}, namespace {Namespace}, credentials: {Credentials}",
            config.Server, config.ContextName, config.Namespace, config.Credentials.Description);
        return new KubeApiClient(config with { Credentials = new MaskingKubeCredentials(config.Credentials, ctx.Masker) }, handler: null, logger);
    }
}
