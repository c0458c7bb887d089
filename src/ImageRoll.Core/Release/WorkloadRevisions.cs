using System.Globalization;
using ImageRoll.Kubernetes;
using ImageRoll.Kubernetes.Models;
using ImageRoll.OpenShift.Models;

namespace ImageRoll.Release;

/// <summary>
/// The revision a workload is at, in its controller's own terms: a Deployment's
/// <c>deployment.kubernetes.io/revision</c> annotation (what <c>kubectl rollout history</c> lists), a DeploymentConfig's
/// <c>status.latestVersion</c>, a StatefulSet's <c>status.updateRevision</c> (a ControllerRevision name), a
/// DaemonSet's newest ControllerRevision (<c>NAME-HASH (revision N)</c>; its pods carry the template generation).
/// Best effort: null when it cannot be read.
/// </summary>
internal static class WorkloadRevisions
{
    public const string DeploymentRevisionAnnotation = "deployment.kubernetes.io/revision";

    public static async Task<string?> ReadAsync(IKubeApi api, WorkloadRef w, CancellationToken cancellationToken)
    {
        try
        {
            if (w.Kind == ResourceKind.Deployments)
            {
                return (await api.GetAsync<Deployment>(w.Kind, w.Namespace, w.Name, cancellationToken).ConfigureAwait(false)).Metadata.Annotation(DeploymentRevisionAnnotation);
            }

            if (w.Kind == ResourceKind.DeploymentConfigs)
            {
                return (await api.GetAsync<DeploymentConfig>(w.Kind, w.Namespace, w.Name, cancellationToken).ConfigureAwait(false)).Status.LatestVersion.ToString(CultureInfo.InvariantCulture);
            }

            if (w.Kind == ResourceKind.StatefulSets)
            {
                return (await api.GetAsync<StatefulSet>(w.Kind, w.Namespace, w.Name, cancellationToken).ConfigureAwait(false)).Status.UpdateRevision;
            }

            if (w.Kind == ResourceKind.DaemonSets)
            {
                var ds = await api.GetAsync<DaemonSet>(w.Kind, w.Namespace, w.Name, cancellationToken).ConfigureAwait(false);
                var revisions = await api.ListAsync<ControllerRevision>(ResourceKind.ControllerRevisions, w.Namespace, new ListOptions(LabelSelector: ds.Spec.Selector?.ToQuery()), cancellationToken).ConfigureAwait(false);
                var newest = revisions.Items.Where(r => r.Metadata.Name?.StartsWith(w.Name + "-", StringComparison.Ordinal) == true).MaxBy(r => r.Revision);
                return newest is null ? null : $"{newest.Metadata.Name} (revision {newest.Revision})";
            }
        }
        catch (ImageRollException)
        {
            // The revision is a detail of the report: a read that fails here must not change the outcome.
        }

        return null;
    }
}
