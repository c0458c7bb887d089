using System.CommandLine;
using ImageRoll.Cli.Binding;
using ImageRoll.Cli.Console;
using ImageRoll.Rollouts;

namespace ImageRoll.Cli.Commands;

/// <summary>
/// <c>imageroll status WORKLOAD... [--watch] [--timeout] [--grace-period]</c>: kubectl's rollout status for one or
/// more workloads. Without --watch one snapshot (exit 0 when all are rolled out, 5 while any is still rolling out,
/// 4 when one failed); with --watch it follows them all to the end, failing early on stuck new pods.
/// </summary>
public static class StatusCommand
{
    public static Command Create(CliIO io)
    {
        var workloads = new Argument<string[]>("WORKLOAD")
        {
            Description = "deployment/NAME, statefulset/NAME, daemonset/NAME or deploymentconfig/NAME (deploy/, sts/, ds/, dc/).",
            Arity = ArgumentArity.OneOrMore,
        };
        var watch = new Option<bool>("--watch", "-w") { Description = "Follow the rollouts until they finish, fail or time out." };
        var command = new Command("status", "Show the rollout status of workloads in kubectl's words; with --watch, follow them to the end.");
        command.Arguments.Add(workloads);
        command.Options.Add(watch);
        command.Options.Add(CliOptions.GracePeriod);
        CliOptions.AddClusterOptions(command);

        command.SetAction(async (parseResult, cancellationToken) =>
        {
            using var context = new CommandContext(parseResult, io);
            var b = context.Binder;
            var refs = b.Workloads(parseResult.GetValue(workloads)!);
            var options = b.FollowOptions(b.Timeout, parseResult.GetValue(watch));
            return await context.RunAsync(async deadline =>
            {
                using var api = context.CreateKubeClient();
                var follower = new RolloutFollower(api, TimeProvider.System, context.CreateLogger("ImageRoll.Rollouts"));
                var results = await follower.FollowAsync(refs, options with { Timeout = context.Remaining }, RolloutReport.StatusProgress(context, refs.Count > 1, options.Watch), deadline).ConfigureAwait(false);
                return RolloutReport.Write(context, results);
            }, cancellationToken, TagCommand.EngineSlack).ConfigureAwait(false);
        });
        return command;
    }
}
