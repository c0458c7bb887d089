using ImageRoll.Kubernetes;
using ImageRoll.OpenShift.TriggerStep;
using ImageRoll.Rollouts;

namespace ImageRoll.Cli.Binding;

/// <summary>The image stream, trigger and rollout options (tag, rollout, status, release).</summary>
public sealed partial class CommandBinder
{
    public string ReferencePolicy => Choice(CliOptions.ReferencePolicy, "Source", "Source", "Local");

    public string ImportMode => Choice(CliOptions.ImportMode, "Legacy", "Legacy", "PreserveOriginal");

    public TriggerMode Trigger => Choice(CliOptions.Trigger, "wait", "wait", "patch") == "patch" ? TriggerMode.Patch : TriggerMode.Wait;

    /// <summary><c>--trigger-grace</c>, default 60 s.</summary>
    public TimeSpan TriggerGrace => Duration(CliOptions.TriggerGrace) ?? TimeSpan.FromSeconds(60);

    /// <summary><c>--timeout</c> and <c>--grace-period</c> as the follower takes them, with <paramref name="timeout"/> what is left of the command's.</summary>
    public RolloutFollowOptions FollowOptions(TimeSpan timeout, bool watch = true) =>
        new() { Timeout = timeout, GracePeriod = Duration(CliOptions.GracePeriod), Watch = watch };

    /// <summary>Workloads as <c>KIND/NAME</c> (IR2010-IR2012 for a malformed one), in <c>-n</c>'s namespace.</summary>
    public IReadOnlyList<WorkloadRef> Workloads(IEnumerable<string> texts) =>
        texts.Select(w => WorkloadRef.Parse(w, Namespace)).ToList();

    /// <summary>IR2030/IR2031 for the trigger and follow options that contradict each other.</summary>
    public void CheckTriggerOptions()
    {
        Exclusive(CliOptions.RollbackOnFailure, CliOptions.NoWait,
            "--rollback-on-failure needs the rollout followed to know it failed: drop --no-wait, or drop --rollback-on-failure.");
        Exclusive(CliOptions.GracePeriod, CliOptions.NoWait, "--grace-period applies while following the rollout: drop --no-wait, or drop --grace-period.");
        if (Trigger == TriggerMode.Wait && IsGiven(CliOptions.IgnorePaused))
        {
            var trigger = IsGiven(CliOptions.Trigger) ? Source(CliOptions.Trigger) + " wait" : "--trigger wait (the default)";
            throw new ImageRollException(CommandErrors.ExclusiveOptions, FailureKind.BadInput,
                $"{Source(CliOptions.IgnorePaused)} and {trigger} exclude each other: a paused trigger does nothing when waited for.",
                "Use --trigger patch --ignore-paused to set the image on a paused workload, or unpause its trigger.");
        }
    }
}
