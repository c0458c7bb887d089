using System.Diagnostics;
using System.Globalization;
using ImageRoll.Release;
using ImageRoll.Tasks.Binding;
using ImageRoll.Tasks.Logging;
using ImageRoll.Tasks.Services;
using Microsoft.Build.Framework;

namespace ImageRoll.Tasks;

/// <summary>
/// The release after publishing: binds the properties, then runs the engine's <see cref="ReleaseRunner"/> (image ->
/// tag -> trigger -> rollout -> rollback under one deadline) with its log and observer bridged to MSBuild. A failed
/// release is one MSBuild error with the engine's IR code (IR4xxx for a failed rollout, with the evidence: pod,
/// reason, message) pointing at the project; the outputs are set either way.
/// </summary>
public sealed partial class ImageRollRelease : ReleaseTaskBase
{
    protected override async Task ExecuteAsync(CancellationToken cancellationToken)
    {
        var watch = Stopwatch.StartNew();
        var bound = BindProperties(imagePublished: true);
        if (bound is null)
        {
            return;
        }

        var loggerFactory = new MSBuildLoggerFactory(Sink);
        using var services = TaskServices.Create(bound, loggerFactory, Environment);
        Sink.Message(MessageImportance.Low, string.Create(CultureInfo.InvariantCulture,
            $"ImageRoll: properties bound and clients made in {watch.Elapsed.TotalMilliseconds:0} ms"));
        var runner = new ReleaseRunner(services.Services);
        var result = await runner.RunAsync(bound.Options, new MSBuildReleaseObserver(Sink), cancellationToken).ConfigureAwait(false);
        SetOutputs(result);
        if (result.Error is { } error)
        {
            Sink.Error(ReleaseErrorText.ToTaskError(error, result, new SourceLocation(ProjectFile)));
        }
    }

    private void SetOutputs(ReleaseResult result)
    {
        DigestReference = result.DigestReference;
        Digest = result.Digest;
        PullSpec = result.PullSpec;
        StreamTag = result.StreamTag;
        Status = result.Status.ToString();
        ReleasedWorkloads = result.Workloads.Select(WorkloadItems.ToItem).ToArray();
    }
}
