using ImageRoll.Kubernetes;
using ImageRoll.Kubernetes.Models;
using ImageRoll.OpenShift.ImageStreams;
using ImageRoll.OpenShift.Models;

namespace ImageRoll.OpenShift.Triggers;

/// <summary>
/// Reads workloads and says what their triggers do for a stream tag: annotation triggers (decoded and validated as
/// the controller would, then checked further) and DeploymentConfig ImageChange triggers. With no workload named,
/// finds every workload of the watched kinds in the namespace that the tag triggers.
/// </summary>
public sealed class TriggerInspector(IKubeApi api)
{
    /// <summary>The kinds searched for triggers: the annotation controller's watched kinds, then DeploymentConfigs.</summary>
    public static readonly IReadOnlyList<ResourceKind> SearchedKinds =
        [ResourceKind.Deployments, ResourceKind.StatefulSets, ResourceKind.DaemonSets, ResourceKind.CronJobs, ResourceKind.DeploymentConfigs];

    public async Task<WorkloadTriggers> InspectAsync(WorkloadRef workload, StreamTagRef tag, CancellationToken cancellationToken)
    {
        var ns = workload.Namespace ?? api.DefaultNamespace;
        tag = tag with { Namespace = tag.Namespace ?? ns };
        if (workload.Kind == ResourceKind.DeploymentConfigs)
        {
            var dc = await api.GetAsync<DeploymentConfig>(workload.Kind, ns, workload.Name, cancellationToken).ConfigureAwait(false);
            return DeploymentConfigTriggers.Inspect(workload with { Namespace = ns }, dc, WorkloadTemplate.From(dc, workload.Kind), ns, tag.Namespace!, tag.Stream, tag.Tag);
        }

        var obj = await api.GetAsync<KubeObject>(workload.Kind, ns, workload.Name, cancellationToken).ConfigureAwait(false);
        return await InspectAnnotationAsync(workload with { Namespace = ns }, WorkloadTemplate.From(obj, workload.Kind), tag, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>
    /// Every workload in <paramref name="workloadNamespace"/> (default: the client's namespace) whose triggers name the
    /// tag (or whose broken annotation mentions its stream). A trigger may follow a stream in another namespace.
    /// </summary>
    /// <param name="tag">The stream tag being released.</param>
    /// <param name="cancellationToken">Cancels the lists.</param>
    /// <param name="workloadNamespace">Where to look (default: the client's namespace).</param>
    /// <param name="ignored">
    /// Receives the workloads left out although their trigger annotation is broken, because nothing broken in it
    /// follows <paramref name="tag"/> (issue 12, class 5): a broken trigger elsewhere does not block this release;
    /// the caller warns about them.
    /// </param>
    public async Task<IReadOnlyList<WorkloadTriggers>> FindTriggeredAsync(StreamTagRef tag, CancellationToken cancellationToken, string? workloadNamespace = null, ICollection<WorkloadTriggers>? ignored = null)
    {
        var ns = workloadNamespace ?? api.DefaultNamespace;
        tag = tag with { Namespace = tag.Namespace ?? ns };
        var found = new List<WorkloadTriggers>();
        foreach (var kind in SearchedKinds)
        {
            if (kind == ResourceKind.DeploymentConfigs)
            {
                if (!await api.ServesAsync(kind.ApiVersion, cancellationToken).ConfigureAwait(false))
                {
                    continue;
                }

                var dcs = await api.ListAsync<DeploymentConfig>(kind, ns, null, cancellationToken).ConfigureAwait(false);
                foreach (var dc in dcs.Items)
                {
                    var r = DeploymentConfigTriggers.Inspect(new WorkloadRef(kind, dc.Metadata.Name!, ns), dc, WorkloadTemplate.From(dc, kind), ns, tag.Namespace!, tag.Stream, tag.Tag);
                    if (r.Matches.Count > 0 || r.Problems.Count > 0)
                    {
                        found.Add(r);
                    }
                }

                continue;
            }

            var list = await api.ListAsync<KubeObject>(kind, ns, null, cancellationToken).ConfigureAwait(false);
            foreach (var item in list.Items)
            {
                var template = WorkloadTemplate.From(item, kind);
                var annotation = template.Annotation(TriggerAnnotation.Key);
                if (annotation is null || !annotation.Contains(tag.Stream, StringComparison.Ordinal))
                {
                    continue;
                }

                var r = await InspectAnnotationAsync(new WorkloadRef(kind, template.Name, ns), template, tag, cancellationToken).ConfigureAwait(false);
                if (r.Matches.Count == 0 && r.Problems.All(p => p.Code == TriggerCodes.OtherNamespaceStreamMissing))
                {
                    continue;
                }

                if (r.Matches.Count == 0 && !TriggerMentions.ConcernTag(annotation, r.Problems, ns, tag))
                {
                    ignored?.Add(r);
                    continue;
                }

                if (r.Matches.Count > 0 || r.Problems.Count > 0)
                {
                    found.Add(r);
                }
            }
        }

        return found;
    }

    private async Task<WorkloadTriggers> InspectAnnotationAsync(WorkloadRef workload, WorkloadTemplate template, StreamTagRef tag, CancellationToken cancellationToken)
    {
        var ns = workload.Namespace!;
        var annotation = template.Annotation(TriggerAnnotation.Key);
        if (annotation is null)
        {
            return new WorkloadTriggers(workload, template, [], []);
        }

        var decoded = TriggerAnnotation.Decode(annotation);
        var problems = new List<TriggerProblem>(decoded.Problems);
        var matches = new List<TriggerMatch>();
        if (decoded.ControllerError is not null)
        {
            return new WorkloadTriggers(workload, template, matches, problems);
        }

        foreach (var trigger in decoded.Triggers)
        {
            problems.AddRange(TriggerValidator.Validate(template, trigger, out var selector));
            var triggerNs = trigger.EffectiveNamespace(ns);
            if (triggerNs != ns && trigger.StreamTag() is { } other && !await StreamExistsAsync(triggerNs, other.Stream, cancellationToken).ConfigureAwait(false))
            {
                problems.Add(new TriggerProblem(TriggerCodes.OtherNamespaceStreamMissing,
                    $"Trigger #{trigger.Index} follows {triggerNs}/{trigger.FromName}, but there is no image stream '{other.Stream}' in namespace '{triggerNs}', so it never fires.",
                    $"Fix from.namespace/from.name, create the stream in '{triggerNs}', or drop from.namespace to use the object's own namespace '{ns}'.", trigger.Index));
            }

            if (selector is not null && triggerNs == (tag.Namespace ?? ns) && trigger.StreamTag() is { } st && st.Stream == tag.Stream && st.Tag == tag.Tag)
            {
                // Whatever from.kind says, the controller resolves from.name as this tag (UpdateObjectFromImages).
                var name = template.Find(selector)?.Container["name"]?.GetValue<string>() ?? string.Empty;
                var kind = trigger.FollowsTagMoves ? string.Empty : $", from.kind {trigger.FromKind}{(trigger.FromApiVersion.Length > 0 ? $" apiVersion {trigger.FromApiVersion}" : string.Empty)}";
                matches.Add(new TriggerMatch(selector, name, trigger.Paused, trigger.Index, $"trigger #{trigger.Index} ({trigger.FieldPath}{kind})", trigger.FollowsTagMoves));
            }
        }

        return new WorkloadTriggers(workload, template, matches, problems);
    }

    private async Task<bool> StreamExistsAsync(string ns, string stream, CancellationToken cancellationToken)
    {
        try
        {
            return await api.TryGetAsync<ImageStream>(ResourceKind.ImageStreams, ns, stream, cancellationToken).ConfigureAwait(false) is not null;
        }
        catch (KubeApiException ex) when (ex.IsForbidden)
        {
            return true; // the controller may read what this user cannot: no false alarm
        }
    }
}
