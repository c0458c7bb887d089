using ImageRoll.Kubernetes;
using Microsoft.Build.Framework;

namespace ImageRoll.Tasks.Steps;

/// <summary>KIND/NAME items (optional Namespace metadata) as workloads; IR5007 naming a bad one.</summary>
internal static class StepWorkloads
{
    public static List<WorkloadRef> Parse(ITaskItem[] items)
    {
        if (items.Length == 0)
        {
            throw new ImageRollException(TaskErrors.NothingToRelease, FailureKind.BadInput, "Workloads is empty: there is nothing to act on.",
                "Pass the workloads as KIND/NAME items, for example Workloads=\"@(ImageRollWorkload)\".");
        }

        return items.Select(item =>
        {
            var ns = item.GetMetadata("Namespace");
            return ImageRollTag.Parse(() => WorkloadRef.Parse(item.ItemSpec.Trim(), string.IsNullOrWhiteSpace(ns) ? null : ns.Trim()),
                TaskErrors.BadWorkload, "Workloads", item.ItemSpec);
        }).ToList();
    }
}
