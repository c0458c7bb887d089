using System.Globalization;
using System.Text.Json.Nodes;
using ImageRoll.Cli.Console;
using ImageRoll.Rollouts;

namespace ImageRoll.Cli.Commands;

/// <summary>
/// How the CLI shows rollouts: progress lines on stderr in kubectl's words (one line per change, prefixed with the
/// workload when several are followed), results on stdout, and the <c>--output json</c> document.
/// </summary>
public static class RolloutReport
{
    /// <summary>An observer that writes each progress report as one stderr line (<c>imageroll rollout</c>).</summary>
    public static RolloutConsole Progress(CommandContext context, bool prefix) => new(context, prefix);

    /// <summary>
    /// <c>imageroll status</c>'s observer: progress on stderr, but not the lines <see cref="Write"/> prints (each
    /// workload's final words, and a snapshot's one line), so nothing shows twice on a terminal.
    /// </summary>
    public static RolloutConsole StatusProgress(CommandContext context, bool prefix, bool watch) => new(context, prefix, resultsOnStdout: true, watch);

    /// <summary>
    /// Writes the results of <c>imageroll status</c> (text: kubectl's final words on stdout, one line per workload that
    /// rolled out or, for a snapshot, is still rolling out (<see cref="IsState"/>), nothing else; json: one document with every workload) and, when a workload did not succeed, its
    /// words on stderr (one line each when several were followed) and the error with its evidence as CliApp prints
    /// errors. Failure text never goes to stdout (docs/errors.md, "stdout and stderr"). Returns the exit code (0, 3,
    /// 4 or 5), so json mode stays one document.
    /// </summary>
    public static int Write(CommandContext context, IReadOnlyList<RolloutResult> results)
    {
        ArgumentNullException.ThrowIfNull(context);
        ImageRollException? failure = null;
        try
        {
            RolloutFailures.ThrowIfNotSucceeded(results);
        }
        catch (ImageRollException ex)
        {
            failure = ex;
        }

        if (context.Output == OutputMode.Json)
        {
            context.WriteResult(ToJson(results, failure));
        }
        else
        {
            context.WriteResult(new JsonObject(), results.Where(IsState).Select(r => r.Message).ToArray());
            if (results.Count > 1)
            {
                foreach (var r in results.Where(r => !IsState(r)))
                {
                    var words = r.Rollback is { } rb ? $"{r.Message}; {rb.Description}" : r.Message;
                    context.IO.Error.WriteLine(words.StartsWith(r.Workload.ToString(), StringComparison.Ordinal) ? words : $"{r.Workload}: {words}");
                }
            }
        }

        if (failure is not null)
        {
            WriteError(context, failure);
        }

        return failure?.ExitCode ?? 0;
    }

    /// <summary>
    /// A result that is a workload's state in kubectl's words: rolled out, or, for a snapshot (no --watch), still
    /// rolling out, which <c>kubectl rollout status --watch=false</c> prints on stdout too (exit 5 says it is not done).
    /// Failed, timed out, not found or unreadable are errors: stderr only.
    /// </summary>
    private static bool IsState(RolloutResult r) => r.Outcome is RolloutOutcome.Succeeded or RolloutOutcome.InProgress;

    /// <summary>
    /// <c>imageroll rollout</c> when following failed: in json mode one document on stdout, shaped as the success
    /// document (<c>workloads</c>: the trigger step, <c>rollout</c>: the <c>imageroll status</c> document with each
    /// workload's evidence and rollback) with <c>status</c>, <c>exitCode</c> and <c>error</c> at the top; in text
    /// mode nothing on stdout. In both modes the error on stderr as CliApp prints errors (the hint carries the
    /// evidence lines). Returns the exit code.
    /// </summary>
    public static int WriteFailure(CommandContext context, RolloutFailedException failure, JsonArray triggered)
    {
        ArgumentNullException.ThrowIfNull(context);
        ArgumentNullException.ThrowIfNull(failure);
        if (context.Output == OutputMode.Json)
        {
            var rollout = ToJson(failure.Results, failure);
            context.WriteResult(new JsonObject
            {
                ["status"] = rollout["status"]!.DeepClone(),
                ["exitCode"] = failure.ExitCode,
                ["workloads"] = triggered,
                ["rollout"] = rollout,
                ["error"] = rollout["error"]!.DeepClone(),
            });
        }

        WriteError(context, failure);
        return failure.ExitCode;
    }

    private static void WriteError(CommandContext context, ImageRollException failure) => ErrorLines.Write(context.IO, failure);

    public static JsonObject ToJson(IReadOnlyList<RolloutResult> results, ImageRollException? failure)
    {
        ArgumentNullException.ThrowIfNull(results);
        var doc = new JsonObject
        {
            ["status"] = failure is null ? "succeeded" : failure.Kind == FailureKind.TimedOut ? "timedOut" : "failed",
            ["exitCode"] = failure?.ExitCode ?? 0,
            ["workloads"] = new JsonArray(results.Select(ToJson).ToArray<JsonNode?>()),
        };
        if (failure is not null)
        {
            doc["error"] = new JsonObject { ["code"] = failure.Code, ["message"] = failure.Message, ["hint"] = failure.Hint };
        }

        return doc;
    }

    private static JsonObject ToJson(RolloutResult r)
    {
        var o = new JsonObject
        {
            ["workload"] = r.Workload.ToString(),
            ["namespace"] = r.Workload.Namespace,
            ["outcome"] = JsonName(r.Outcome.ToString()),
            ["message"] = r.Message,
            ["reason"] = r.Reason,
            ["elapsedSeconds"] = Math.Round(r.Elapsed.TotalSeconds, 3),
        };
        if (r.Evidence is { } e)
        {
            o["evidence"] = new JsonObject
            {
                ["pod"] = e.Pod,
                ["container"] = e.Container,
                ["reason"] = e.Reason,
                ["message"] = e.Message,
                ["restartCount"] = e.RestartCount,
                ["stuckForSeconds"] = Math.Round(e.StuckFor.TotalSeconds, 3),
                ["revision"] = e.Revision,
                ["events"] = new JsonArray(e.Events.Select(ev => (JsonNode?)new JsonObject
                {
                    ["type"] = ev.Type,
                    ["reason"] = ev.Reason,
                    ["message"] = ev.Message,
                    ["count"] = ev.Count,
                    ["lastSeen"] = ev.LastSeen?.ToString("O", CultureInfo.InvariantCulture),
                    ["object"] = ev.Object,
                }).ToArray()),
            };
        }

        if (r.Rollback is { } rb)
        {
            o["rollback"] = new JsonObject
            {
                ["performed"] = rb.Performed,
                ["description"] = rb.Description,
                ["toRevision"] = rb.ToRevision,
                ["restoredImages"] = new JsonArray(rb.RestoredImages.Select(i => (JsonNode?)JsonValue.Create(i)).ToArray()),
                ["streamTag"] = rb.StreamTag,
                ["outcome"] = rb.Outcome is { } oc ? JsonName(oc.ToString()) : null,
                ["message"] = rb.Message,
            };
        }

        return o;
    }

    private static string JsonName(string pascal) => char.ToLowerInvariant(pascal[0]) + pascal[1..];
}
