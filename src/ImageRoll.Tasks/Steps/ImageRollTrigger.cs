using ImageRoll.Kubernetes;
using ImageRoll.OpenShift.ImageStreams;
using ImageRoll.OpenShift.TriggerStep;
using Microsoft.Build.Framework;
using TaskItem = Microsoft.Build.Utilities.TaskItem;

namespace ImageRoll.Tasks.Steps;

/// <summary>
/// The trigger step alone (docs/openshift.md): waits, within Timeout, for the cluster's image trigger to write the
/// stream tag's image into each workload, or makes that change itself in patch mode.
/// </summary>
public sealed partial class ImageRollTrigger : StepTaskBase
{
    protected override async Task RunStepAsync(TimeSpan timeout, CancellationToken cancellationToken)
    {
        var mode = (Trigger?.Trim().ToLowerInvariant()) switch
        {
            null or "" or "wait" => TriggerMode.Wait,
            "patch" => TriggerMode.Patch,
            _ => throw new ImageRollException(TaskErrors.BadTrigger, FailureKind.BadInput, $"Trigger '{Trigger}' is not wait or patch.",
                "Use wait (the cluster's image trigger changes the workloads) or patch (ImageRoll makes the change)."),
        };
        var workloads = StepWorkloads.Parse(Workloads);
        using var kube = CreateKube();
        var from = ImageRollTag.Parse(() => StreamTagRef.Parse(ImageStream.Trim(), kube.DefaultNamespace), TaskErrors.BadImageStream, nameof(ImageStream), ImageStream);
        var options = new TriggerOptions(from, workloads, mode)
        {
            Grace = timeout,
            Container = NullIfEmpty(Container),
            WorkloadNamespace = NullIfEmpty(Namespace),
        };
        var outcomes = await new TriggerRunner(kube, Loggers.CreateLogger("ImageRoll.Trigger")).RunAsync(options, cancellationToken).ConfigureAwait(false);
        TriggeredWorkloads = outcomes.Select(o =>
        {
            var item = new TaskItem(o.Workload.ToString());
            item.SetMetadata("Action", o.Action.ToString());
            item.SetMetadata("Image", o.Value);
            item.SetMetadata("Containers", string.Join(";", o.Containers));
            item.SetMetadata("ResourceVersion", o.ResourceVersion ?? string.Empty);
            return (ITaskItem)item;
        }).ToArray();
        foreach (var o in outcomes)
        {
            Sink.Message(MessageImportance.High, $"ImageRoll: {o.Workload} {o.Action}: {o.Value}");
        }
    }
}
