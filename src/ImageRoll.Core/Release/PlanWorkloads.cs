using ImageRoll.Kubernetes;
using ImageRoll.Kubernetes.Models;
using ImageRoll.OpenShift.Triggers;
using ImageRoll.OpenShift.TriggerStep;

namespace ImageRoll.Release;

/// <summary>
/// The plan's workload checks: with a stream tag, the named workloads (or every workload whose trigger follows the
/// tag) are inspected as the trigger step will inspect them, so a malformed trigger (IR33xx), a paused one or a DC
/// without an automatic trigger in wait mode stops the run before anything is pushed. On plain Kubernetes each named
/// workload must exist and the container to set must be clear (IR3340/IR3341).
/// </summary>
internal sealed class PlanWorkloads(ReleaseRun run, List<PlanCheck> checks)
{
    public async Task<IReadOnlyList<ReleaseTarget>> FindAsync(CancellationToken cancellationToken)
    {
        var ns = run.Namespace;
        var named = run.Options.Workloads.Select(w => w with { Namespace = w.Namespace ?? ns }).ToList();
        if (run.StreamTag is not { } tag)
        {
            var direct = new List<ReleaseTarget>();
            foreach (var w in named)
            {
                if (await CheckAsync(w, () => DirectAsync(w, cancellationToken)).ConfigureAwait(false) is { } target)
                {
                    direct.Add(target);
                }
            }

            return direct;
        }

        var inspector = new TriggerInspector(run.Kube);
        var found = new List<WorkloadTriggers>();
        if (named.Count == 0)
        {
            try
            {
                var ignored = new List<WorkloadTriggers>();
                found.AddRange(await inspector.FindTriggeredAsync(tag, cancellationToken, ns, ignored).ConfigureAwait(false));
                foreach (var other in ignored)
                {
                    // A broken trigger elsewhere does not block this release (issue 12, class 5): a warning, not a failed check.
                    run.Warn(other.Problems[0].Code, $"{other.Workload} is left alone: its {TriggerAnnotation.Key} annotation is broken ({other.Problems[0].Message}), but nothing in it follows {tag}.");
                }

                if (found.Count == 0)
                {
                    throw new ImageRollException(TriggerCodes.NoTriggeredWorkloads, FailureKind.BadInput,
                        $"No Deployment, StatefulSet, DaemonSet, CronJob or DeploymentConfig in namespace '{ns}' has a trigger on {tag}.",
                        $"Name the workloads to roll out, or add a trigger: oc set triggers deployment/NAME --from-image={tag.IstagName} -c CONTAINER.");
                }

                checks.Add(PlanCheck.Pass("workloads", $"{found.Count} workload(s) in namespace {ns} follow {tag}: {string.Join(", ", found.Select(f => f.Workload))}"));
            }
            catch (ImageRollException ex)
            {
                checks.Add(PlanCheck.Fail("workloads", ex));
                return [];
            }
        }

        var targets = new List<ReleaseTarget>();
        foreach (var w in named)
        {
            if (await CheckAsync(w, async () => Triggered(await inspector.InspectAsync(w, tag, cancellationToken).ConfigureAwait(false))).ConfigureAwait(false) is { } target)
            {
                targets.Add(target);
            }
        }

        foreach (var f in found)
        {
            if (await CheckAsync(f.Workload, () => Task.FromResult(Triggered(f))).ConfigureAwait(false) is { } target)
            {
                targets.Add(target);
            }
        }

        return targets;
    }

    private async Task<ReleaseTarget?> CheckAsync(WorkloadRef w, Func<Task<ReleaseTarget>> body)
    {
        try
        {
            var target = await body().ConfigureAwait(false);
            checks.Add(PlanCheck.Pass(w.ToString(), $"{target.Planned.Action}; now {target.Planned.CurrentImage ?? "(no image)"}"));
            return target;
        }
        catch (ImageRollException ex)
        {
            checks.Add(PlanCheck.Fail(w.ToString(), ex));
            return null;
        }
    }

    /// <summary>The same checks the trigger step makes before it changes anything (problems first, then usability).</summary>
    private ReleaseTarget Triggered(WorkloadTriggers t)
    {
        var o = run.Options;
        t.ThrowIfProblems();
        TriggerRunner.CheckUsable(t, new TriggerOptions(run.StreamTag!, [t.Workload], o.Trigger) { IgnorePaused = o.IgnorePaused, Container = o.Container }, run.StreamTag!);
        var matches = t.Matches.Count > 0 || !t.IsDeploymentConfig ? t.Matches.ToList() : [DeploymentConfigRollout.ManualContainer(t, o.Container)];
        var containers = matches.Select(m => m.ContainerName).Distinct().ToList();
        var action = (o.Trigger, t.IsDeploymentConfig) switch
        {
            (TriggerMode.Wait, true) => "wait for the DeploymentConfig's ImageChange trigger",
            (TriggerMode.Wait, false) => $"wait for the trigger controller to set {string.Join(", ", containers)}",
            (_, true) => $"set {string.Join(", ", containers)} on the DeploymentConfig (instantiate when no trigger rolls it out)",
            _ => $"patch {string.Join(", ", containers)}",
        };
        var current = matches.Count == 0 ? null : t.Template.Image(matches[0].Selector);
        return new ReleaseTarget(t.Workload, t, new PlannedWorkload(t.Workload, action, containers, current));
    }

    private async Task<ReleaseTarget> DirectAsync(WorkloadRef w, CancellationToken cancellationToken)
    {
        var obj = await run.Kube.GetAsync<KubeObject>(w.Kind, w.Namespace, w.Name, cancellationToken).ConfigureAwait(false);
        var template = WorkloadTemplate.From(obj, w.Kind);
        var match = DeploymentConfigRollout.ManualContainer(new WorkloadTriggers(w, template, [], []), run.Options.Container);
        var action = w.Kind == ResourceKind.DeploymentConfigs
            ? $"set {match.ContainerName} on the DeploymentConfig and instantiate"
            : $"set the image of {match.ContainerName}";
        return new ReleaseTarget(w, null, new PlannedWorkload(w, action, [match.ContainerName], template.Image(match.Selector)));
    }
}
