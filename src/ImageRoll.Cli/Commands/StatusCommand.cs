using System.CommandLine;
using ImageRoll.Cli.Console;
using ImageRoll.Kubernetes;
using ImageRoll.Rollouts;
using ImageRoll.Util;

namespace ImageRoll.Cli.Commands;

/// <summary>
/// <c>imageroll status WORKLOAD... [--watch] [--timeout] [--grace-period]</c>: kubectl's rollout status for one or
/// more workloads. Without --watch one snapshot (exit 0 when all are rolled out, 5 while any is still rolling out,
/// 4 when one failed); with --watch it follows them all to the end, failing early on stuck new pods.
/// </summary>
public static class StatusCommand
{
    public static readonly Option<string?> GracePeriod = new("--grace-period")
    {
        Description = "How long a new pod may stay in ImagePullBackOff, CrashLoopBackOff, ... or unready before the rollout fails (default 60s; at most half of --timeout).",
    };

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
        command.Options.Add(GracePeriod);
        CommonOptions.AddClusterOptions(command);

        command.SetAction(async (parseResult, cancellationToken) =>
        {
            using var context = new CommandContext(parseResult, io);
            var ns = parseResult.GetValue(CommonOptions.Namespace);
            var refs = parseResult.GetValue(workloads)!.Select(w => WorkloadRef.Parse(w, ns)).ToList();
            var options = FollowOptions(parseResult, parseResult.GetValue(watch));
            using var api = KubeClientFactory.Create(
                new KubeConnectionOptions(parseResult.GetValue(CommonOptions.Kubeconfig)?.FullName, parseResult.GetValue(CommonOptions.Context), ns),
                context.Env, context.CreateLogger("ImageRoll.Kubernetes"));
            var follower = new RolloutFollower(api, TimeProvider.System, context.CreateLogger("ImageRoll.Rollouts"));
            var results = await follower.FollowAsync(refs, options, RolloutReport.Progress(context, refs.Count > 1), cancellationToken).ConfigureAwait(false);
            return RolloutReport.Write(context, results);
        });
        return command;
    }

    /// <summary>--timeout and --grace-period as the follower takes them (IR2001 for a bad duration).</summary>
    public static RolloutFollowOptions FollowOptions(ParseResult parseResult, bool watch)
    {
        ArgumentNullException.ThrowIfNull(parseResult);
        var timeout = GoDuration.Parse(parseResult.GetValue(CommonOptions.Timeout) ?? "10m");
        var grace = parseResult.GetValue(GracePeriod) is { } g ? GoDuration.Parse(g, "--grace-period") : (TimeSpan?)null;
        return new RolloutFollowOptions { Timeout = timeout, GracePeriod = grace, Watch = watch };
    }
}
