using ImageRoll.OpenShift.ImageStreams;
using ImageRoll.OpenShift.TriggerStep;
using ImageRoll.Release;

namespace ImageRoll.Cli.Binding;

/// <summary><c>imageroll promote SOURCE_STREAM:TAG DESTINATION_STREAM:TAG</c>: a release whose source is a stream tag.</summary>
public sealed partial class CommandBinder
{
    /// <summary>
    /// The release of a promotion: <c>-n</c> is the namespace of both stream tags unless they name their own (as for
    /// <c>oc tag</c>); the workloads are the destination's. <c>--reference-policy</c>/<c>--import-mode</c> only when
    /// given, else the source tag's are kept.
    /// </summary>
    public ReleaseOptions PromoteOptions(string fromText, string toText)
    {
        var from = StreamTagRef.Parse(fromText, Namespace);
        var to = StreamTagRef.Parse(toText, Namespace);
        CheckTriggerOptions();
        return WithRunOptions(new ReleaseOptions
        {
            Image = global::ImageRoll.Release.ReleaseOptions.ClusterRegistryImage(to, Namespace),
            Source = new PromotionSource(from)
            {
                ReferencePolicy = IsGiven(CliOptions.ReferencePolicy) ? ReferencePolicy : null,
                ImportMode = IsGiven(CliOptions.ImportMode) ? ImportMode : null,
            },
            StreamTag = to,
            Workloads = Workloads(List(CliOptions.Workload)),
            Trigger = Trigger,
            Namespace = to.Namespace,
        });
    }

    /// <summary>The destination cluster of <c>--to-context</c>: the same kubeconfig, that context; null without it.</summary>
    public Kubernetes.KubeConnectionOptions? PromoteDestination =>
        Text(CliOptions.ToContext) is { } context ? Cluster with { Context = context } : null;
}
