using ImageRoll.Kubernetes;

namespace ImageRoll.Rollouts;

/// <summary>
/// The revision a rollback returns to: its name (ReplicaSet, ControllerRevision or RC), its containers' images
/// (name -> image) and the JSON patch that restores it (kubectl rollout undo / oc rollback semantics).
/// </summary>
public sealed record RollbackTarget(
    WorkloadRef Workload,
    string Revision,
    IReadOnlyDictionary<string, string> Images,
    string JsonPatch,
    bool InstantiateAfterPatch = false);
