using System.Globalization;
using ImageRoll.OpenShift.ImageStreams;
using ImageRoll.OpenShift.TriggerStep;
using ImageRoll.Registry;
using ImageRoll.Release;
using ImageRoll.Rollouts;
using ImageRoll.Util;

namespace ImageRoll.Cli.Reporting;

/// <summary>
/// The words every text face uses for a release (console, Jenkins, GitHub Actions log, JUnit): one line per state
/// change, no colour, each line complete on its own so a timestamping log viewer can prefix it.
/// </summary>
public static class ReleaseText
{
    public static string StepName(ReleaseStep step) => step.ToString().ToLowerInvariant();

    public static IEnumerable<string> Plan(ReleasePlan plan)
    {
        ArgumentNullException.ThrowIfNull(plan);
        yield return $"plan: {plan.Source} -> {plan.DigestReference ?? plan.Image}";
        if (plan.StreamTag is not null)
        {
            yield return $"  stream tag {plan.StreamTag}, trigger {plan.Trigger}";
        }
        else
        {
            yield return $"  trigger {plan.Trigger} (no image stream)";
        }

        foreach (var w in plan.Workloads)
        {
            var current = string.IsNullOrWhiteSpace(w.CurrentImage) ? string.Empty : $" (now {w.CurrentImage})";
            yield return $"  {w.Workload}: {w.Action}{current}";
        }

        foreach (var c in plan.Checks)
        {
            yield return $"  check {c.Name}: {(c.Passed ? "ok" : $"FAILED{(c.Code is null ? string.Empty : " " + c.Code)}")} {c.Message}".TrimEnd();
        }
    }

    public static string Push(TransferProgress p)
    {
        ArgumentNullException.ThrowIfNull(p);
        var verb = p.Outcome switch
        {
            BlobTransfer.Uploaded => "pushed ",
            BlobTransfer.Mounted => "mounted",
            _ => "exists ",
        };
        return string.Create(CultureInfo.InvariantCulture, $"  {verb} {Short(p.Blob.Digest)} {Megabytes(p.Blob.Size)} MB  [{p.BlobsDone}/{p.BlobsTotal}]");
    }

    public static string Tagged(TagResult t)
    {
        ArgumentNullException.ThrowIfNull(t);
        return $"tagged {t.Namespace}/{t.Stream}:{t.Tag} -> {t.ResolvedPullSpec}{(t.Warning is null ? string.Empty : $" (warning: {t.Warning})")}";
    }

    public static string Triggered(TriggerOutcome o)
    {
        ArgumentNullException.ThrowIfNull(o);
        return $"{o.Workload}: {Words(o.Action.ToString())} {string.Join(",", o.Containers)}={o.Value}";
    }

    public static IEnumerable<string> RolloutFinished(RolloutResult r)
    {
        ArgumentNullException.ThrowIfNull(r);
        yield return $"{r.Workload}: {Words(r.Outcome.ToString())}: {r.Message}";
        if (r.Evidence is { } e)
        {
            foreach (var line in Evidence(e))
            {
                yield return "  " + line;
            }
        }
    }

    /// <summary>The evidence a person would look at, one fact per line (JUnit failure text, summaries, console).</summary>
    public static IEnumerable<string> Evidence(RolloutEvidence e)
    {
        ArgumentNullException.ThrowIfNull(e);
        yield return $"evidence: {e.Describe()}{(e.Revision is null ? string.Empty : $", revision {e.Revision}")}, stuck for {GoDuration.Format(Round(e.StuckFor))}";
        foreach (var ev in e.Events)
        {
            var count = ev.Count > 1 ? $" (x{ev.Count})" : string.Empty;
            yield return $"event {ev.Type} {ev.Reason} {ev.Object}: {ev.Message}{count}";
        }
    }

    public static string Rollback(string workload, RollbackResult r)
    {
        ArgumentNullException.ThrowIfNull(r);
        return $"{workload}: {r.Description}{(r.Outcome is { } o ? $" ({o.ToString().ToLowerInvariant()})" : string.Empty)}";
    }

    public static string Completed(ReleaseResult r)
    {
        ArgumentNullException.ThrowIfNull(r);
        var what = r.DryRun ? "dry run" : "release";
        return $"{what} {Status(r.Status)} in {GoDuration.Format(Round(r.Elapsed))}";
    }

    /// <summary>The status word of the outputs and reports: succeeded, planned, badInput, failed, rolloutFailed, timedOut, cancelled.</summary>
    public static string Status(ReleaseStatus status)
    {
        var s = status.ToString();
        return char.ToLowerInvariant(s[0]) + s[1..];
    }

    /// <summary><c>AlreadyCurrent</c> as <c>already current</c>.</summary>
    public static string Words(string pascal) =>
        string.Concat((pascal ?? string.Empty).Select((c, i) => char.IsUpper(c) ? (i > 0 ? " " : string.Empty) + char.ToLowerInvariant(c) : c.ToString()));

    public static string Megabytes(long bytes) => (bytes / 1048576.0).ToString("0.0", CultureInfo.InvariantCulture).PadLeft(8);

    public static TimeSpan Round(TimeSpan t) => TimeSpan.FromSeconds(Math.Round(t.TotalSeconds, t < TimeSpan.FromSeconds(10) ? 1 : 0));

    private static string Short(string digest) => digest[..Math.Min(19, digest.Length)];
}
