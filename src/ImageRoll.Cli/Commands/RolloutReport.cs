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
    /// <summary>An observer that writes each progress report as one stderr line.</summary>
    public static RolloutConsole Progress(CommandContext context, bool prefix) => new(context, prefix);

    /// <summary>
    /// Writes the results (text: kubectl's final words, one line per workload, on stdout; json: one document) and,
    /// when a workload did not succeed, the error and its evidence on stderr as CliApp prints errors. Returns the
    /// exit code (0, 3, 4 or 5), so json mode stays one document.
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
            context.WriteResult(new JsonObject(), results.Select(r => r.Rollback is { } rb ? $"{r.Message}; {rb.Description}" : r.Message).ToArray());
        }

        if (failure is not null)
        {
            WriteError(context, failure);
        }

        return failure?.ExitCode ?? 0;
    }

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
