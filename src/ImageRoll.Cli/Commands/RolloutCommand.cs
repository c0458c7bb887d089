using System.CommandLine;
using System.Text.Json.Nodes;
using ImageRoll.Cli.Binding;
using ImageRoll.Cli.Console;
using ImageRoll.Kubernetes;
using ImageRoll.OpenShift.ImageStreams;
using ImageRoll.OpenShift.Triggers;
using ImageRoll.OpenShift.TriggerStep;
using ImageRoll.Rollouts;

namespace ImageRoll.Cli.Commands;

/// <summary>
/// <c>imageroll rollout [WORKLOAD...] --from STREAM:TAG --trigger wait|patch</c> (OpenShift image streams and
/// triggers) or <c>imageroll rollout WORKLOAD --image REG/REPO@sha256:D [--container NAME]</c> (plain Kubernetes):
/// the trigger step, then following the rollout and, with <c>--rollback-on-failure</c>, rolling failed workloads back
/// (<see cref="RolloutSupervisor"/>) unless <c>--no-wait</c>, all within one <c>--timeout</c>.
/// </summary>
public static class RolloutCommand
{
    public static Command Create(CliIO io)
    {
        var workloads = new Argument<string[]>("WORKLOAD") { Description = "deployment/NAME, statefulset/NAME, daemonset/NAME, cronjob/NAME, deploymentconfig/NAME. None with --from: every workload the tag triggers.", Arity = ArgumentArity.ZeroOrMore };
        var from = new Option<string?>("--from") { Description = "The image stream tag whose image to roll out: STREAM:TAG." };
        var image = new Option<string?>("--image") { Description = "Plain Kubernetes: the image (REG/REPO@sha256:...) to set on the workload's container." };

        var command = new Command("rollout", "Roll an image stream tag (or a digest) out to workloads: trigger, then follow the rollout.")
        {
            workloads, from, CliOptions.Trigger, CliOptions.IgnorePaused, CliOptions.TriggerGrace, image, CliOptions.Container, CliOptions.NoWait,
            CliOptions.RollbackOnFailure, CliOptions.GracePeriod,
        };
        CliOptions.AddClusterOptions(command);
        command.SetAction(async (parseResult, ct) =>
        {
            using var ctx = new CommandContext(parseResult, io);
            var b = ctx.Binder;
            var refs = b.Workloads(parseResult.GetValue(workloads) ?? []);
            var fromText = parseResult.GetValue(from);
            var imageText = parseResult.GetValue(image);
            CheckOptions(b, from, image, refs.Count);
            var direct = imageText is null ? null : DigestPullSpec.Parse(imageText);
            var streamTag = fromText is null ? null : StreamTagRef.Parse(fromText, b.Namespace);
            var grace = b.Duration(CliOptions.GracePeriod);
            var trigger = streamTag is null ? null : new TriggerOptions(streamTag, refs, b.Trigger)
            {
                IgnorePaused = b.Flag(CliOptions.IgnorePaused),
                Grace = b.TriggerGrace,
                Container = b.Text(CliOptions.Container),
                WorkloadNamespace = b.Namespace,
            };
            var noWait = b.Flag(CliOptions.NoWait);
            var rollback = b.Flag(CliOptions.RollbackOnFailure);
            return await ctx.RunAsync(async deadline =>
            {
                using var api = ctx.CreateKubeClient();
                var logger = ctx.CreateLogger("ImageRoll.Rollout");
                IReadOnlyList<TriggerOutcome> outcomes = direct is not null
                    ? [await new DirectImageRollout(api, logger).RollAsync(refs[0], direct, b.Text(CliOptions.Container), deadline).ConfigureAwait(false)]
                    : await new TriggerRunner(api, logger).RunAsync(trigger!, deadline).ConfigureAwait(false);

                var triggered = new JsonArray(outcomes.Select(o => (JsonNode)ToJson(o)).ToArray());
                JsonNode? followed = null;
                if (!noWait)
                {
                    var supervision = await new RolloutSupervisor(api, TimeProvider.System, ctx.CreateLogger("ImageRoll.Rollouts")).RunAsync(
                        outcomes,
                        new RolloutSupervisorOptions
                        {
                            Deadline = ctx.DeadlineAt,
                            GracePeriod = grace,
                            RollbackOnFailure = rollback,
                            StreamTag = streamTag,
                            TriggerApplies = trigger?.Mode != TriggerMode.Patch,
                        },
                        RolloutReport.Progress(ctx, outcomes.Select(o => o.Workload).Distinct().Count() > 1),
                        deadline).ConfigureAwait(false);
                    if (supervision.ToException() is { } failure)
                    {
                        // The evidence and rollback go out as data (one JSON document), not only in the error text.
                        return RolloutReport.WriteFailure(ctx, failure, triggered);
                    }

                    followed = RolloutReport.ToJson(supervision.Results, null);
                }

                ctx.WriteResult(
                    new JsonObject { ["status"] = "triggered", ["workloads"] = triggered, ["rollout"] = followed },
                    outcomes.Select(o => $"{o.Workload} {o.Action.ToString().ToLowerInvariant()} {string.Join(",", o.Containers)}={o.Value}").ToArray());
                return CliApp.ExitSuccess;
            }, ct, TagCommand.EngineSlack).ConfigureAwait(false);
        });
        return command;
    }

    /// <summary>What to roll out (--from or --image, exactly one) and the options that go with each.</summary>
    private static void CheckOptions(CommandBinder b, Option<string?> from, Option<string?> image, int workloadCount)
    {
        const string Forms = "OpenShift image streams: --from STREAM:TAG --trigger wait|patch; plain Kubernetes: WORKLOAD --image REG/REPO@sha256:... [--container NAME].";
        if (!b.IsGiven(from) && !b.IsGiven(image))
        {
            throw new ImageRollException(TriggerCodes.RolloutWithoutSource, FailureKind.BadInput, "Say what to roll out: --from STREAM:TAG or --image REG/REPO@sha256:...", Forms);
        }

        b.Exclusive(from, image, Forms);
        if (b.IsGiven(image))
        {
            foreach (var streamOnly in new Option[] { CliOptions.Trigger, CliOptions.IgnorePaused, CliOptions.TriggerGrace })
            {
                b.Exclusive(streamOnly, image, $"{streamOnly.Name} is about image stream triggers (--from); --image sets the container image directly. Drop {streamOnly.Name}.");
            }

            if (workloadCount != 1)
            {
                throw new ImageRollException(TriggerCodes.ImageForSeveralWorkloads, FailureKind.BadInput,
                    $"--image sets one workload's container; {workloadCount} workloads were named.", "Name exactly one workload, e.g. deployment/web.");
            }
        }

        b.CheckTriggerOptions();
    }

    internal static JsonObject ToJson(TriggerOutcome o) => new()
    {
        ["workload"] = o.Workload.ToString(),
        ["namespace"] = o.Workload.Namespace,
        ["action"] = o.Action.ToString(),
        ["containers"] = new JsonArray(o.Containers.Select(c => (JsonNode)JsonValue.Create(c)).ToArray()),
        ["image"] = o.Value,
        ["resourceVersion"] = o.ResourceVersion,
        ["generation"] = o.Generation,
        ["latestVersion"] = o.LatestVersion,
    };
}
