using ImageRoll.Rollouts;
using Microsoft.Extensions.Logging;

namespace ImageRoll.Release;

/// <summary>
/// Runs one release: plan (read-only checks) -> image -> tag -> trigger -> rollout -> (rollback), under ONE deadline
/// (<see cref="ReleaseOptions.Timeout"/>) linked with the caller's cancellation, telling <see cref="IReleaseObserver"/>
/// as it goes. Never throws for anything a user can act on: bad input, failed operations, failed rollouts, the
/// deadline and cancellation all end in a <see cref="ReleaseResult"/> with <see cref="ReleaseResult.Error"/> set.
/// A dry run stops after the plan and changes nothing; a real run whose plan failed stops before the first write.
/// </summary>
public sealed class ReleaseRunner(ReleaseServices services)
{
    private readonly ReleaseServices _services = services ?? throw new ArgumentNullException(nameof(services));

    public async Task<ReleaseResult> RunAsync(ReleaseOptions options, IReleaseObserver? observer, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(options);
        var run = new ReleaseRun(options, _services, observer ?? new SilentObserver(), cancellationToken);
        await using (run.ConfigureAwait(false))
        {
            ReleaseStatus status;
            ReleaseError? error = null;
            try
            {
                status = await ExecuteAsync(run).ConfigureAwait(false);
            }
            catch (ImageRollException ex)
            {
                status = StatusOf(ex.Kind);
                error = ReleaseError.From(ex, run.CurrentStep);
            }
            catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
            {
                status = ReleaseStatus.Cancelled;
                error = new ReleaseError(ReleaseErrors.Cancelled, FailureKind.Cancelled, $"Cancelled during the {Step(run.CurrentStep)} step.", "Nothing more was changed; run again to finish the release.", run.CurrentStep);
            }
            catch (OperationCanceledException) when (run.DeadlinePassed)
            {
                status = ReleaseStatus.TimedOut;
                error = new ReleaseError(ReleaseErrors.TimedOutIn(run.CurrentStep), FailureKind.TimedOut,
                    $"The release did not finish within {Util.GoDuration.Format(options.Timeout)}: the deadline passed during the {Step(run.CurrentStep)} step.",
                    "Raise --timeout (it bounds the whole release: build, push, tag, trigger, rollout and rollback), or look at what the step was waiting for.",
                    run.CurrentStep);
            }

            if (error is not null)
            {
                run.Logger.LogDebug("Release ended with {Code}: {Message}", error.Code, error.Message);
            }

            var result = Result(run, status, error);
            run.Observer.Completed(result);
            return result;
        }
    }

    private static async Task<ReleaseStatus> ExecuteAsync(ReleaseRun run)
    {
        var o = run.Options;
        var plan = await run.StepAsync(ReleaseStep.Plan, o.DryRun ? "check the plan (dry run: nothing is changed)" : "check the plan before changing anything",
            async ct =>
            {
                var p = await new ReleasePlanner(run).PlanAsync(ct).ConfigureAwait(false);
                var failed = p.Checks.Count(c => !c.Passed);
                return (p, failed == 0 ? $"{p.Checks.Count} checks passed" : $"{failed} of {p.Checks.Count} checks failed");
            },
            p => p.Passed).ConfigureAwait(false);
        run.Plan = plan;
        foreach (var t in run.Targets)
        {
            run.Track(new WorkloadRelease(t.Workload.Kind.Kind, t.Workload.Name, t.Workload.Namespace ?? run.Namespace,
                o.DryRun ? WorkloadOutcome.Planned : WorkloadOutcome.NotStarted, t.Planned.Action)
            { Containers = t.Planned.Containers, Image = t.Planned.CurrentImage }, t.Workload);
        }

        run.Observer.PlanReady(plan);
        if (plan.Checks.FirstOrDefault(c => !c.Passed) is { } failedCheck)
        {
            throw new ImageRollException(failedCheck.Code ?? ReleaseErrors.BadOptions, failedCheck.Kind ?? FailureKind.BadInput, failedCheck.Message, failedCheck.Hint);
        }

        if (o.DryRun)
        {
            return ReleaseStatus.Planned;
        }

        run.DigestReference = await run.StepAsync(ReleaseStep.Image, $"{o.Source.Describe()} -> {run.Image}", ct => ReleaseImageStep.RunAsync(run, ct)).ConfigureAwait(false);
        run.Observer.ImageReady(run.DigestReference);
        if (run.StreamTag is { } tag)
        {
            var what = run.ToClusterRegistry ? $"wait for the push to set {tag}"
                : run.Promotion is { } p ? $"tag {tag} from {p.StreamImage} (oc tag {p.From} {tag})"
                : $"tag {run.DigestReference} into {tag}";
            run.Tag = await run.StepAsync(ReleaseStep.Tag, what, ct => ReleaseTagStep.RunAsync(run, ct)).ConfigureAwait(false);
        }

        var how = run.StreamTag is null ? "set the image" : o.Trigger == OpenShift.TriggerStep.TriggerMode.Wait ? "wait for the triggers" : "apply the triggers' change";
        await run.StepAsync(ReleaseStep.Trigger, $"{how} on {run.Targets.Count} workload(s)", ct => ReleaseTriggerStep.RunAsync(run, ct)).ConfigureAwait(false);
        if (!o.Wait || run.Outcomes.Count == 0)
        {
            return ReleaseStatus.Succeeded;
        }

        var supervisor = new RolloutSupervisor(run.Kube, run.Time, run.Services.LoggerFactory.CreateLogger("ImageRoll.Rollouts"));
        var results = await run.StepAsync(ReleaseStep.Rollout, $"follow {run.Outcomes.Count} rollout(s)",
            ct => ReleaseRolloutStep.FollowAsync(run, supervisor, ct),
            r => r.All(x => x.Outcome == RolloutOutcome.Succeeded)).ConfigureAwait(false);
        var supervision = new RolloutSupervision(results);
        if (o.RollbackOnFailure && !supervision.Succeeded)
        {
            // The rollback step succeeded when every rollback was done and its own rollout completed.
            supervision = await run.StepAsync(ReleaseStep.Rollback, "roll the failed workloads back",
                ct => ReleaseRolloutStep.RollBackAsync(run, supervisor, results, ct),
                x => x.Results.All(r => r.Rollback is null || r.Rollback is { Performed: true, Outcome: RolloutOutcome.Succeeded })).ConfigureAwait(false);
        }

        if (supervision.ToException() is { } failure)
        {
            // A failed rollout is the rollout's error, rolled back or not; only a failed rollback is the rollback's.
            run.Blame(supervision.RollbackError is null ? ReleaseStep.Rollout : ReleaseStep.Rollback);
            throw failure;
        }

        return ReleaseStatus.Succeeded;
    }

    private static ReleaseResult Result(ReleaseRun run, ReleaseStatus status, ReleaseError? error)
    {
        var digestReference = run.DigestReference ?? run.PlannedDigestReference;
        return new ReleaseResult
        {
            Status = status,
            Image = run.Image.ToString(),
            Source = run.Options.Source.Describe(),
            DigestReference = digestReference,
            Digest = digestReference is { } d && d.LastIndexOf('@') is var at and >= 0 ? d[(at + 1)..] : null,
            PullSpec = run.PullSpec ?? run.Tag?.ResolvedPullSpec,
            StreamTag = run.StreamTag?.ToString(),
            Workloads = run.Workloads,
            Warnings = run.Warnings,
            Steps = run.Steps,
            Plan = run.Plan,
            Error = error,
            Elapsed = run.Elapsed,
            DryRun = run.Options.DryRun,
        };
    }

    private static ReleaseStatus StatusOf(FailureKind kind) => kind switch
    {
        FailureKind.BadInput => ReleaseStatus.BadInput,
        FailureKind.RolloutFailed => ReleaseStatus.RolloutFailed,
        FailureKind.TimedOut => ReleaseStatus.TimedOut,
        FailureKind.Cancelled => ReleaseStatus.Cancelled,
        _ => ReleaseStatus.Failed,
    };

    private static string Step(ReleaseStep? step) => (step ?? ReleaseStep.Plan).ToString().ToLowerInvariant();

    private sealed class SilentObserver : IReleaseObserver
    {
    }
}
