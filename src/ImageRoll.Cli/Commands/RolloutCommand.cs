using System.CommandLine;
using System.Text.Json.Nodes;
using ImageRoll.Cli.Console;
using ImageRoll.Kubernetes;
using ImageRoll.OpenShift.ImageStreams;
using ImageRoll.OpenShift.TriggerStep;
using ImageRoll.Rollouts;

namespace ImageRoll.Cli.Commands;

/// <summary>
/// <c>imageroll rollout [WORKLOAD...] --from STREAM:TAG --trigger wait|patch</c> (OpenShift image streams and
/// triggers) or <c>imageroll rollout WORKLOAD --image REG/REPO@sha256:D [--container NAME]</c> (plain Kubernetes):
/// the trigger step, then following the rollout (<see cref="RolloutFollowStep"/>) unless <c>--no-wait</c>.
/// </summary>
public static class RolloutCommand
{
    public static Command Create(CliIO io)
    {
        var workloads = new Argument<string[]>("WORKLOAD") { Description = "deployment/NAME, statefulset/NAME, daemonset/NAME, cronjob/NAME, deploymentconfig/NAME. None with --from: every workload the tag triggers.", Arity = ArgumentArity.ZeroOrMore };
        var from = new Option<string?>("--from") { Description = "The image stream tag whose image to roll out: STREAM:TAG." };
        var trigger = new Option<string>("--trigger") { Description = "wait: let the cluster's trigger controllers change the workloads; patch: make their change yourself.", DefaultValueFactory = _ => "wait" };
        trigger.AcceptOnlyFromAmong("wait", "patch");
        var ignorePaused = new Option<bool>("--ignore-paused") { Description = "patch mode: set the image even where the trigger (or the DeploymentConfig) is paused." };
        var grace = new Option<string>("--trigger-grace") { Description = "wait mode: how long the controller gets before ImageRoll reports why nothing happened.", DefaultValueFactory = _ => "60s" };
        var image = new Option<string?>("--image") { Description = "Plain Kubernetes: the image (REG/REPO@sha256:...) to set on the workload's container." };
        var container = new Option<string?>("--container", "-c") { Description = "The container that gets --image (default: the only one)." };
        var noWait = new Option<bool>("--no-wait") { Description = "Do not follow the rollout after the trigger step." };

        var command = new Command("rollout", "Roll an image stream tag (or a digest) out to workloads: trigger, then follow the rollout.")
        {
            workloads, from, trigger, ignorePaused, grace, image, container, noWait,
        };
        CommonOptions.AddClusterOptions(command);
        RolloutFollowStep.AddOptions(command);
        command.SetAction(async (parseResult, ct) =>
        {
            using var ctx = new CommandContext(parseResult, io);
            var ns = parseResult.GetValue(CommonOptions.Namespace);
            var refs = (parseResult.GetValue(workloads) ?? []).Select(w => WorkloadRef.Parse(w, ns)).ToList();
            var fromText = parseResult.GetValue(from);
            var imageText = parseResult.GetValue(image);
            if ((fromText is null) == (imageText is null))
            {
                throw new ImageRollException("IR3350", FailureKind.BadInput,
                    fromText is null ? "Say what to roll out: --from STREAM:TAG or --image REG/REPO@sha256:..." : "--from and --image exclude each other.",
                    "OpenShift image streams: --from STREAM:TAG --trigger wait|patch; plain Kubernetes: WORKLOAD --image REG/REPO@sha256:... [--container NAME].");
            }

            if (imageText is not null && refs.Count != 1)
            {
                throw new ImageRollException("IR3351", FailureKind.BadInput,
                    $"--image sets one workload's container; {refs.Count} workloads were named.", "Name exactly one workload, e.g. deployment/web.");
            }

            var timeout = ClusterArgs.Timeout(parseResult);
            using var api = ClusterArgs.CreateClient(ctx);
            var logger = ctx.CreateLogger("ImageRoll.Rollout");
            IReadOnlyList<TriggerOutcome> outcomes;
            if (imageText is not null)
            {
                outcomes = [await new DirectImageRollout(api, logger).RollAsync(refs[0], DigestPullSpec.Parse(imageText), parseResult.GetValue(container), ct).ConfigureAwait(false)];
            }
            else
            {
                var options = new TriggerOptions(StreamTagRef.Parse(fromText!, ns), refs, parseResult.GetValue(trigger) == "patch" ? TriggerMode.Patch : TriggerMode.Wait)
                {
                    IgnorePaused = parseResult.GetValue(ignorePaused),
                    Grace = Util.GoDuration.Parse(parseResult.GetValue(grace)!, "--trigger-grace"),
                    Container = parseResult.GetValue(container),
                    WorkloadNamespace = ns,
                };
                outcomes = await new TriggerRunner(api, logger).RunAsync(options, ct).ConfigureAwait(false);
            }

            var triggered = new JsonArray(outcomes.Select(o => (JsonNode)ToJson(o)).ToArray());
            JsonNode? followed;
            try
            {
                followed = parseResult.GetValue(noWait) ? null : await RolloutFollowStep.FollowAsync(ctx, api, outcomes, timeout, ct).ConfigureAwait(false);
            }
            catch (RolloutFailedException ex)
            {
                // The evidence and rollback go out as data (one JSON document), not only in the error text.
                return RolloutReport.WriteFailure(ctx, ex, triggered);
            }

            var json = new JsonObject
            {
                ["status"] = "triggered",
                ["workloads"] = triggered,
                ["rollout"] = followed,
            };
            ctx.WriteResult(json, outcomes.Select(o => $"{o.Workload} {o.Action.ToString().ToLowerInvariant()} {string.Join(",", o.Containers)}={o.Value}").ToArray());
            return 0;
        });
        return command;
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
