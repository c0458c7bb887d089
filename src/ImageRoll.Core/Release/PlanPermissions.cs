using ImageRoll.Kubernetes;
using ImageRoll.OpenShift.TriggerStep;

namespace ImageRoll.Release;

/// <summary>
/// Asks the API server, one SelfSubjectAccessReview per request kind (kubectl auth can-i), whether the credentials
/// may make every request the real run will make: tag the stream (oc tag's PUT imagestreamtags, falling back to
/// POST and to updating the image stream, so any one of them is enough), wait for the import, read, patch or
/// update and instantiate the workloads, follow them (pods, ReplicaSets, RCs, events) and roll them back. A denied
/// one fails the plan with IR3380 (exit 3) naming the verb, resource and namespace. Up to <see cref="ConcurrentReviews"/>
/// reviews are in flight at once.
/// </summary>
internal sealed class PlanPermissions(ReleaseRun run, List<PlanCheck> checks)
{
    /// <summary>Reviews in flight at once: HTTP/1.1 opens a connection for each, so a few, not all.</summary>
    internal const int ConcurrentReviews = 4;

    public async Task CheckAsync(CancellationToken cancellationToken)
    {
        var needs = Needs();
        var sourceNeeds = SourceNeeds();
        try
        {
            var reviewer = new AccessReviewer(run.Kube);
            if (!await reviewer.AvailableAsync(cancellationToken).ConfigureAwait(false))
            {
                run.Warn(ReleaseErrors.PermissionsNotChecked, $"The cluster does not serve {AccessReviewer.GroupVersion}: the permissions were not checked up front.");
                return;
            }

            var denied = await ReviewAsync(reviewer, needs, string.Empty, cancellationToken).ConfigureAwait(false);
            if (sourceNeeds.Count > 0)
            {
                var onSource = run.Services.SourceKube is null ? string.Empty : " (in the source cluster)";
                denied += await ReviewAsync(new AccessReviewer(run.Services.SourceKube ?? run.Kube), sourceNeeds, onSource, cancellationToken).ConfigureAwait(false);
            }

            if (denied == 0)
            {
                checks.Add(PlanCheck.Pass("permissions", $"{needs.Count + sourceNeeds.Count} kinds of request allowed (SelfSubjectAccessReview)"));
            }
        }
        catch (KubeApiException ex) when (ex.IsForbidden || ex.IsNotFound)
        {
            run.Warn(ReleaseErrors.PermissionsNotChecked, $"The permissions could not be checked up front: {ex.Message}");
        }
    }

    /// <summary>A promotion reads the source tag and tags (or copies) from its image, which takes pull rights on its stream.</summary>
    internal List<(string What, IReadOnlyList<AccessCheck> AnyOf)> SourceNeeds()
    {
        if (run.Promotion is not { } p || run.StreamTag is not { } to)
        {
            return [];
        }

        var ns = p.From.Namespace!;
        var needs = new List<(string, IReadOnlyList<AccessCheck>)> { ($"read the image stream {ns}/{p.From.Stream}", [new AccessCheck("get", ResourceKind.ImageStreams, ns)]) };

        // Tagging from another namespace's stream is allowed only to who may pull from it (openshift-apiserver
        // imagestream strategy.go TagVerifier: get imagestreams/layers); copying from another cluster pulls it.
        if (ns != to.Namespace || run.Services.SourceKube is not null)
        {
            needs.Add(($"pull {p.StreamImage}", [new AccessCheck("get", ResourceKind.ImageStreams, ns, "layers")]));
        }

        return needs;
    }

    private async Task<int> ReviewAsync(AccessReviewer reviewer, List<(string What, IReadOnlyList<AccessCheck> AnyOf)> needs, string where, CancellationToken cancellationToken)
    {
        // The reviews are independent: a release asks 10 to 20 of them, so they go ConcurrentReviews at a time (a few
        // round trips to the API server instead of one each); the checks are recorded in the order of the needs.
        var refusals = new List<string>[needs.Count];
        var parallel = new ParallelOptions { MaxDegreeOfParallelism = ConcurrentReviews, CancellationToken = cancellationToken };
        await Parallel.ForEachAsync(Enumerable.Range(0, needs.Count), parallel, async (i, ct) =>
            refusals[i] = await RefusalsAsync(reviewer, needs[i].AnyOf, ct).ConfigureAwait(false)).ConfigureAwait(false);

        var denied = 0;
        for (var i = 0; i < needs.Count; i++)
        {
            var (what, anyOf) = needs[i];
            if (refusals[i].Count > 0)
            {
                denied++;
                var first = anyOf[0];
                var canI = $"kubectl auth can-i {first.Verb} {first.Resource.QualifiedName}{(first.Subresource is null ? string.Empty : " --subresource=" + first.Subresource)}{(first.Namespace is null ? string.Empty : " -n " + first.Namespace)}";
                checks.Add(PlanCheck.Fail($"permission to {what}", new ImageRollException(ReleaseErrors.PermissionDenied, FailureKind.OperationFailed,
                    $"These credentials{where} {string.Join("; nor ", refusals[i])}, which the release needs to {what}.",
                    $"Ask for a role that allows it ({canI} checks it), or use other credentials (--kubeconfig, --context).")));
            }
        }

        return denied;
    }

    /// <summary>Empty when one of the requests is allowed (asked in order, stopping there); else why each was refused.</summary>
    private static async Task<List<string>> RefusalsAsync(AccessReviewer reviewer, IReadOnlyList<AccessCheck> anyOf, CancellationToken cancellationToken)
    {
        var reasons = new List<string>();
        foreach (var check in anyOf)
        {
            var status = await reviewer.ReviewAsync(check, cancellationToken).ConfigureAwait(false);
            if (status.Allowed)
            {
                return [];
            }

            reasons.Add(string.IsNullOrEmpty(status.Reason) ? $"may not {check}" : $"may not {check} ({status.Reason})");
        }

        return reasons;
    }

    /// <summary>What the run will do, each with the requests that can do it (any one suffices).</summary>
    internal List<(string What, IReadOnlyList<AccessCheck> AnyOf)> Needs()
    {
        var o = run.Options;
        var needs = new List<(string, IReadOnlyList<AccessCheck>)>();
        void Need(string what, params AccessCheck[] anyOf)
        {
            if (!needs.Any(n => n.Item2.SequenceEqual(anyOf)))
            {
                needs.Add((what, anyOf));
            }
        }

        if (run.StreamTag is { } tag)
        {
            var sns = tag.Namespace;
            if (run.ToClusterRegistry)
            {
                // The integrated registry authorizes a push as update, and a pull (blob checks, mounts) as get, on the
                // stream's layers (openshift/image-registry pkg/dockerregistry/server/auth.go verifyImageStreamAccess);
                // it creates a missing stream with the pusher's own rights.
                Need($"push to {tag.Namespace}/{tag.Stream} in the integrated registry", new AccessCheck("update", ResourceKind.ImageStreams, sns, "layers"));
                Need($"read the layers of {tag.Namespace}/{tag.Stream} in the integrated registry", new AccessCheck("get", ResourceKind.ImageStreams, sns, "layers"));
                if (run.StreamExists == false)
                {
                    Need($"create the image stream {sns}/{tag.Stream} by pushing to it", new AccessCheck("create", ResourceKind.ImageStreams, sns));
                }
            }
            else
            {
                Need($"tag {tag}",
                    new AccessCheck("update", ResourceKind.ImageStreamTags, sns),
                    new AccessCheck("create", ResourceKind.ImageStreamTags, sns),
                    new AccessCheck("update", ResourceKind.ImageStreams, sns));
            }

            Need($"read the image stream {sns}/{tag.Stream}", new AccessCheck("get", ResourceKind.ImageStreams, sns));
            Need($"wait for the import into {tag}", new AccessCheck("list", ResourceKind.ImageStreams, sns));
            Need($"wait for the import into {tag}", new AccessCheck("watch", ResourceKind.ImageStreams, sns));
            if (o.CreateStream && !run.ToClusterRegistry)
            {
                Need($"create the image stream {sns}/{tag.Stream} if it is missing",
                    new AccessCheck("create", ResourceKind.ImageStreamTags, sns), new AccessCheck("create", ResourceKind.ImageStreams, sns));
            }
        }

        if (run.StreamTag is { } followed && o.Workloads.Count == 0)
        {
            foreach (var kind in OpenShift.Triggers.TriggerInspector.SearchedKinds)
            {
                Need($"find the workloads that follow {followed}", new AccessCheck("list", kind, run.Namespace));
            }
        }

        var patch = run.StreamTag is null || o.Trigger == TriggerMode.Patch;
        foreach (var group in run.Targets.GroupBy(t => (t.Workload.Kind, Ns: t.Workload.Namespace ?? run.Namespace)))
        {
            var (kind, ns) = group.Key;
            var names = string.Join(", ", group.Select(t => t.Workload));
            Need($"read {names}", new AccessCheck("get", kind, ns));
            Need($"watch {names}", new AccessCheck("watch", kind, ns));
            if (kind == ResourceKind.DeploymentConfigs && (patch || o.RollbackOnFailure))
            {
                Need($"update {names}", new AccessCheck("update", kind, ns));
                Need($"start a rollout of {names}", new AccessCheck("create", kind, ns, "instantiate"));
            }

            if ((kind != ResourceKind.DeploymentConfigs && patch) || o.RollbackOnFailure)
            {
                Need($"patch {names}", new AccessCheck("patch", kind, ns));
            }

            if (o.Wait)
            {
                Need($"follow {names}", new AccessCheck("list", kind, ns));
                Need($"diagnose the pods of {names}", new AccessCheck("list", ResourceKind.Pods, ns));
                Need($"diagnose the pods of {names}", new AccessCheck("watch", ResourceKind.Pods, ns));
                Need($"collect the events of {names}", new AccessCheck("list", ResourceKind.Events, ns));
                foreach (var owned in Owned(kind))
                {
                    Need($"follow the revisions of {names}", new AccessCheck("list", owned, ns));
                    Need($"follow the revisions of {names}", new AccessCheck("watch", owned, ns));
                }
            }
        }

        return needs;
    }

    /// <summary>The objects a workload's rollout (and rollback) is read from.</summary>
    private static IEnumerable<ResourceKind> Owned(ResourceKind kind)
    {
        if (kind == ResourceKind.Deployments)
        {
            yield return ResourceKind.ReplicaSets;
        }
        else if (kind == ResourceKind.DeploymentConfigs)
        {
            yield return ResourceKind.ReplicationControllers;
        }
        else if (kind == ResourceKind.StatefulSets || kind == ResourceKind.DaemonSets)
        {
            yield return ResourceKind.ControllerRevisions;
        }
    }
}
