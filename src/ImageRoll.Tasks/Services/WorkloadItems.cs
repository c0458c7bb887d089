using System.Globalization;
using ImageRoll.Release;
using Microsoft.Build.Framework;
using Microsoft.Build.Utilities;

namespace ImageRoll.Tasks.Services;

/// <summary>A workload's part of the release as an MSBuild item: <c>kind/name</c> with its results as metadata.</summary>
public static class WorkloadItems
{
    public static ITaskItem ToItem(WorkloadRelease workload)
    {
        ArgumentNullException.ThrowIfNull(workload);
        var item = new TaskItem($"{workload.Kind.ToLowerInvariant()}/{workload.Name}");
        item.SetMetadata("Kind", workload.Kind);
        item.SetMetadata("Name", workload.Name);
        item.SetMetadata("Namespace", workload.Namespace);
        item.SetMetadata("Outcome", workload.Outcome.ToString());
        item.SetMetadata("Revision", workload.Revision ?? string.Empty);
        item.SetMetadata("Message", workload.Message);
        item.SetMetadata("Image", workload.Image ?? string.Empty);
        item.SetMetadata("TriggerAction", workload.Trigger?.ToString() ?? string.Empty);
        item.SetMetadata("Evidence", workload.Evidence?.Describe() ?? string.Empty);
        item.SetMetadata("Rollback", workload.Rollback?.Description ?? string.Empty);
        item.SetMetadata("DurationSeconds", (workload.TriggerDuration + workload.RolloutDuration).TotalSeconds.ToString("0.0", CultureInfo.InvariantCulture));
        return item;
    }
}
