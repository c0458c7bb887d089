using System.Globalization;
using System.Text.Json.Nodes;
using ImageRoll.ClusterSimulator.Controllers.Core;
using D = ImageRoll.ClusterSimulator.Tables.ColumnDescriptions;

namespace ImageRoll.ClusterSimulator.Tables;

/// <summary>Jobs and CronJobs as kubernetes pkg/printers/internalversion/printers.go <c>printJob</c> / <c>printCronJob</c> print them.</summary>
internal static class BatchPrinters
{
    public static TablePrinter Job { get; } = new(
    [
        TableColumn.NameColumn,
        new("Status", "string", "Status of the job."),
        new("Completions", "string", D.JobSucceeded),
        new("Duration", "string", "Time required to complete the job."),
        TableColumn.Age,
        TableColumn.Wide("Containers", "Names of each container in the template."),
        TableColumn.Wide("Images", "Images referenced by each container in the template."),
        TableColumn.Wide("Selector", D.JobSelector),
    ], (job, now) =>
    {
        var succeeded = Cells.Int(job, "status", "succeeded");
        string completions;
        if (Obj.At(job, "spec", "completions") is JsonValue)
        {
            completions = Cells.Ratio(succeeded, Cells.Int(job, "spec", "completions"));
        }
        else
        {
            var parallelism = Cells.Int(job, "spec", "parallelism");
            completions = parallelism > 1
                ? string.Create(CultureInfo.InvariantCulture, $"{succeeded}/1 of {parallelism}")
                : string.Create(CultureInfo.InvariantCulture, $"{succeeded}/1");
        }

        var start = Obj.ParseTime(Obj.Str(job, "status", "startTime"));
        var completion = Obj.ParseTime(Obj.Str(job, "status", "completionTime"));
        var duration = start is null ? "" : HumanDuration.Short((completion ?? now) - start.Value);
        var (names, images) = Cells.Containers(Obj.At(job, "spec", "template", "spec"));
        return Cells.Row(Obj.Name(job), JobStatus(job), completions, duration, Cells.Age(job, now), names, images,
            Cells.FormatLabelSelector(Obj.At(job, "spec", "selector")));
    });

    public static TablePrinter CronJob { get; } = new(
    [
        TableColumn.NameColumn,
        new("Schedule", "string", D.CronJobSchedule),
        new("Timezone", "string", D.CronJobTimeZone),
        new("Suspend", "boolean", D.CronJobSuspend),
        new("Active", "integer", D.CronJobActive),
        new("Last Schedule", "string", D.CronJobLastSchedule),
        TableColumn.Age,
        TableColumn.Wide("Containers", "Names of each container in the template."),
        TableColumn.Wide("Images", "Images referenced by each container in the template."),
        TableColumn.Wide("Selector", D.JobSelector),
    ], (cj, now) =>
    {
        var suspend = Obj.At(cj, "spec", "suspend") is JsonValue v && v.TryGetValue<bool>(out var b) ? (b ? "True" : "False") : "<unset>";
        var last = Obj.Str(cj, "status", "lastScheduleTime") is { } t ? Cells.Since(t, now) : "<none>";
        var jobSpec = Obj.At(cj, "spec", "jobTemplate", "spec");
        var (names, images) = Cells.Containers(Obj.At(jobSpec, "template", "spec"));
        return Cells.Row(Obj.Name(cj), Cells.Str(cj, "spec", "schedule"), Obj.Str(cj, "spec", "timeZone") ?? "<none>", suspend,
            (long)Obj.Array(cj, "status", "active").Count, last, Cells.Age(cj, now), names, images, Cells.FormatLabelSelector(Obj.At(jobSpec, "selector")));
    });

    private static string JobStatus(JsonObject job)
    {
        var conditions = Obj.Objects(job, "status", "conditions").ToList();
        bool Has(string type) => conditions.FirstOrDefault(c => Obj.Str(c, "type") == type) is { } c && Obj.Str(c, "status") == "True";
        if (Has("Complete"))
        {
            return "Complete";
        }

        if (Has("Failed"))
        {
            return "Failed";
        }

        if (Obj.IsDeleting(job))
        {
            return "Terminating";
        }

        return Has("Suspended") ? "Suspended" : Has("FailureTarget") ? "FailureTarget" : Has("SuccessCriteriaMet") ? "SuccessCriteriaMet" : "Running";
    }
}
