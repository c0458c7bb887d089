namespace ImageRoll.Release;

/// <summary>The steps of one release, in order. <see cref="Plan"/> is the read-only pre-flight every run starts with.</summary>
public enum ReleaseStep
{
    /// <summary>Check everything that can be checked read-only; a dry run stops after it.</summary>
    Plan,

    /// <summary>Build and push (sdk, dockerfile), push (archive) or resolve (existing): ends with REG/REPO@sha256:D.</summary>
    Image,

    /// <summary>Tag the digest into the image stream as <c>oc tag --source=docker</c> does and wait for the import.</summary>
    Tag,

    /// <summary>Wait for the cluster's trigger to change the workloads, or make that change (patch mode).</summary>
    Trigger,

    /// <summary>Follow each workload's rollout with kubectl's/oc's completion logic.</summary>
    Rollout,

    /// <summary>Roll failed workloads back (the stream tag first) and follow the rollback.</summary>
    Rollback,
}
