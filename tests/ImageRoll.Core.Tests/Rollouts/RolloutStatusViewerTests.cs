using ImageRoll.Kubernetes.Models;
using ImageRoll.Rollouts;

namespace ImageRoll.Core.Tests.Rollouts;

/// <summary>
/// One row per status snapshot: kubectl's/oc's verdict and exact words (kubernetes/kubectl
/// pkg/polymorphichelpers/rollout_status.go; openshift/oc pkg/helpers/originpolymorphichelpers/deploymentconfigs/status.go).
/// </summary>
public sealed class RolloutStatusViewerTests
{
    private const string Pde = """ "conditions":[{"type":"Available","status":"False","reason":"MinimumReplicasUnavailable","message":"Deployment does not have minimum availability."},{"type":"Progressing","status":"False","reason":"ProgressDeadlineExceeded","message":"ReplicaSet \"web-6d4cf56db6\" has timed out progressing."}]""";

    public static TheoryData<string, string, RolloutState, string, string?> Deployments => new()
    {
        { "complete", "{}", RolloutState.Done, "deployment \"web\" successfully rolled out", null },
        { "generation not yet observed", """{"metadata":{"generation":5}}""", RolloutState.Waiting, "Waiting for deployment spec update to be observed...", null },
        { "new replica set scaling up", """{"status":{"replicas":4,"updatedReplicas":1,"availableReplicas":3,"conditions":[{"type":"Progressing","status":"True","reason":"ReplicaSetUpdated","message":"ReplicaSet \"web-6d4cf56db6\" is progressing."}]}}""", RolloutState.Waiting, "Waiting for deployment \"web\" rollout to finish: 1 out of 3 new replicas have been updated...", null },
        { "old replicas pending termination", """{"status":{"replicas":4,"updatedReplicas":3,"availableReplicas":3}}""", RolloutState.Waiting, "Waiting for deployment \"web\" rollout to finish: 1 old replicas are pending termination...", null },
        { "updated replicas not yet available", """{"status":{"replicas":3,"updatedReplicas":3,"availableReplicas":1,"readyReplicas":1}}""", RolloutState.Waiting, "Waiting for deployment \"web\" rollout to finish: 1 of 3 updated replicas are available...", null },
        { "progress deadline exceeded", "{\"status\":{\"replicas\":4,\"updatedReplicas\":1,\"availableReplicas\":3," + Pde + "}}", RolloutState.Failed, "deployment \"web\" exceeded its progress deadline", "ProgressDeadlineExceeded" },
        { "deadline exceeded on an unobserved generation still waits", "{\"metadata\":{\"generation\":6},\"status\":{" + Pde + "}}", RolloutState.Waiting, "Waiting for deployment spec update to be observed...", null },
        { "scaled to zero", """{"spec":{"replicas":0},"status":{"replicas":0,"updatedReplicas":0,"availableReplicas":0,"readyReplicas":0}}""", RolloutState.Done, "deployment \"web\" successfully rolled out", null },
        { "paused keeps kubectl waiting", """{"spec":{"paused":true},"status":{"replicas":3,"updatedReplicas":0,"availableReplicas":3,"conditions":[{"type":"Progressing","status":"Unknown","reason":"DeploymentPaused","message":"Deployment is paused"}]}}""", RolloutState.Waiting, "Waiting for deployment \"web\" rollout to finish: 0 out of 3 new replicas have been updated...", null },
        { "replicas absent skips the updated check", """{"spec":{"replicas":null},"status":{"replicas":1,"updatedReplicas":1,"availableReplicas":0}}""", RolloutState.Waiting, "Waiting for deployment \"web\" rollout to finish: 0 of 1 updated replicas are available...", null },
        { "status never written", """{"metadata":{"generation":1},"status":null}""", RolloutState.Waiting, "Waiting for deployment spec update to be observed...", null },
        { "surge pod ready but old not yet gone", """{"status":{"replicas":5,"updatedReplicas":3,"availableReplicas":4}}""", RolloutState.Waiting, "Waiting for deployment \"web\" rollout to finish: 2 old replicas are pending termination...", null },
    };

    public static TheoryData<string, string, RolloutState, string, string?> StatefulSets => new()
    {
        { "complete with the defaulted partition", "{}", RolloutState.Done, "partitioned roll out complete: 3 new pods have been updated...", null },
        { "OnDelete is refused", """{"spec":{"updateStrategy":{"type":"OnDelete","rollingUpdate":null}}}""", RolloutState.Failed, "rollout status is only available for RollingUpdate strategy type", "UnsupportedStrategy" },
        { "never observed", """{"status":{"observedGeneration":0}}""", RolloutState.Waiting, "Waiting for statefulset spec update to be observed...", null },
        { "generation ahead of observed", """{"metadata":{"generation":3}}""", RolloutState.Waiting, "Waiting for statefulset spec update to be observed...", null },
        { "pods not ready", """{"status":{"readyReplicas":1,"updatedReplicas":1,"currentReplicas":2,"updateRevision":"db-5d8f9c7b6a"}}""", RolloutState.Waiting, "Waiting for 2 pods to be ready...", null },
        { "partition holds back the update", """{"spec":{"updateStrategy":{"rollingUpdate":{"partition":2}}},"status":{"updatedReplicas":0,"updateRevision":"db-5d8f9c7b6a"}}""", RolloutState.Waiting, "Waiting for partitioned roll out to finish: 0 out of 1 new pods have been updated...", null },
        { "partition reached", """{"spec":{"updateStrategy":{"rollingUpdate":{"partition":2}}},"status":{"updatedReplicas":1,"currentReplicas":2,"updateRevision":"db-5d8f9c7b6a"}}""", RolloutState.Done, "partitioned roll out complete: 1 new pods have been updated...", null },
        { "without rollingUpdate the revisions must match", """{"spec":{"updateStrategy":{"rollingUpdate":null}},"status":{"updatedReplicas":1,"currentReplicas":2,"updateRevision":"db-5d8f9c7b6a"}}""", RolloutState.Waiting, "waiting for statefulset rolling update to complete 1 pods at revision db-5d8f9c7b6a...", null },
        { "without rollingUpdate complete", """{"spec":{"updateStrategy":{"rollingUpdate":null}}}""", RolloutState.Done, "statefulset rolling update complete 3 pods at revision db-7c9b4c5d8f...", null },
        { "zero replicas", """{"spec":{"replicas":0},"status":{"replicas":0,"readyReplicas":0,"currentReplicas":0,"updatedReplicas":0,"availableReplicas":0}}""", RolloutState.Done, "partitioned roll out complete: 0 new pods have been updated...", null },
    };

    public static TheoryData<string, string, RolloutState, string, string?> DaemonSets => new()
    {
        { "complete", "{}", RolloutState.Done, "daemon set \"agent\" successfully rolled out", null },
        { "OnDelete is refused", """{"spec":{"updateStrategy":{"type":"OnDelete","rollingUpdate":null}}}""", RolloutState.Failed, "rollout status is only available for RollingUpdate strategy type", "UnsupportedStrategy" },
        { "generation ahead of observed", """{"metadata":{"generation":4}}""", RolloutState.Waiting, "Waiting for daemon set spec update to be observed...", null },
        { "pods being updated", """{"status":{"updatedNumberScheduled":1,"numberAvailable":2}}""", RolloutState.Waiting, "Waiting for daemon set \"agent\" rollout to finish: 1 out of 3 new pods have been updated...", null },
        { "updated pods not yet available", """{"status":{"numberAvailable":2,"numberReady":2,"numberUnavailable":1}}""", RolloutState.Waiting, "Waiting for daemon set \"agent\" rollout to finish: 2 of 3 updated pods are available...", null },
        { "no node matches", """{"status":{"currentNumberScheduled":0,"desiredNumberScheduled":0,"numberAvailable":0,"numberReady":0,"updatedNumberScheduled":0}}""", RolloutState.Done, "daemon set \"agent\" successfully rolled out", null },
    };

    public static TheoryData<string, string, RolloutState, string, string?> DeploymentConfigs => new()
    {
        { "complete", "{}", RolloutState.Done, "replication controller \"frontend-3\" successfully rolled out", null },
        { "latestVersion 0 with an image trigger", """{"status":{"latestVersion":0,"conditions":null,"replicas":0,"updatedReplicas":0,"availableReplicas":0}}""", RolloutState.Waiting, "Deployment config \"frontend\" waiting on image update", null },
        { "latestVersion 0 with a manual image trigger still waits on the image", """{"spec":{"triggers":[{"type":"ImageChange","imageChangeParams":{"automatic":false,"containerNames":["frontend"],"from":{"kind":"ImageStreamTag","name":"frontend:latest"}}}]},"status":{"latestVersion":0,"conditions":null}}""", RolloutState.Waiting, "Deployment config \"frontend\" waiting on image update", null },
        { "latestVersion 0 without triggers", """{"spec":{"triggers":null},"status":{"latestVersion":0,"conditions":null}}""", RolloutState.Failed, "Deployment config \"frontend\" waiting on manual update (use 'oc rollout latest frontend')", "ManualUpdateRequired" },
        { "latestVersion 0 with only a config trigger falls through to replicas", """{"spec":{"triggers":[{"type":"ConfigChange"}]},"status":{"latestVersion":0,"conditions":null,"replicas":0,"updatedReplicas":0,"availableReplicas":0}}""", RolloutState.Waiting, "Waiting for rollout to finish: 0 out of 2 new replicas have been updated...", null },
        { "progress deadline exceeded", """{"status":{"latestVersion":4,"conditions":[{"type":"Progressing","status":"False","reason":"ProgressDeadlineExceeded","message":"replication controller \"frontend-4\" has failed progressing"}]}}""", RolloutState.Failed, "replication controller \"frontend-4\" has failed progressing", "ProgressDeadlineExceeded" },
        { "cancelled", """{"status":{"latestVersion":4,"conditions":[{"type":"Progressing","status":"False","reason":"RolloutCancelled","message":"rollout of replication controller \"frontend-4\" was cancelled"}]}}""", RolloutState.Failed, "rollout of replication controller \"frontend-4\" was cancelled", "RolloutCancelled" },
        { "paused", """{"spec":{"paused":true},"status":{"conditions":[{"type":"Progressing","status":"Unknown","reason":"DeploymentConfigPaused","message":"deployment config is paused"}]}}""", RolloutState.Failed, "Deployment config \"frontend\" is paused. Resume to continue watching the status of the rollout.", "DeploymentConfigPaused" },
        { "generation ahead of observed", """{"metadata":{"generation":6}}""", RolloutState.Waiting, "Waiting for latest deployment config spec to be observed by the controller loop...", null },
        { "new replicas being created", """{"status":{"latestVersion":4,"replicas":3,"updatedReplicas":1,"availableReplicas":2,"conditions":[{"type":"Progressing","status":"True","reason":"ReplicationControllerUpdated","message":"replication controller \"frontend-4\" is progressing"}]}}""", RolloutState.Waiting, "Waiting for rollout to finish: 1 out of 2 new replicas have been updated...", null },
        { "old replicas pending termination", """{"status":{"latestVersion":4,"replicas":3,"updatedReplicas":2,"availableReplicas":2,"conditions":[{"type":"Progressing","status":"True","reason":"ReplicationControllerUpdated","message":"replication controller \"frontend-4\" is progressing"}]}}""", RolloutState.Waiting, "Waiting for rollout to finish: 1 old replicas are pending termination...", null },
        { "updated replicas not yet available", """{"status":{"latestVersion":4,"replicas":2,"updatedReplicas":2,"availableReplicas":1,"conditions":[{"type":"Progressing","status":"True","reason":"ReplicationControllerUpdated","message":"replication controller \"frontend-4\" is progressing"}]}}""", RolloutState.Waiting, "Waiting for rollout to finish: 1 of 2 updated replicas are available...", null },
        { "replicas fine but the condition not yet NewReplicationControllerAvailable", """{"status":{"latestVersion":4,"conditions":[{"type":"Progressing","status":"True","reason":"ReplicationControllerUpdated","message":"replication controller \"frontend-4\" is progressing"}]}}""", RolloutState.Waiting, "Waiting for latest deployment config spec to be observed by the controller loop...", null },
    };

    [Theory]
    [MemberData(nameof(Deployments))]
    public void Deployment_snapshot_gives_kubectls_verdict_and_words(string snapshot, string overlay, RolloutState state, string message, string? reason)
    {
        var verdict = RolloutStatusViewer.Deployment(Snapshots.Load<Deployment>(Snapshots.DeploymentBase, overlay));
        Assert.Equal((state, message, reason), (verdict.State, verdict.Message, verdict.Reason));
        Assert.False(string.IsNullOrEmpty(snapshot));
    }

    [Theory]
    [MemberData(nameof(StatefulSets))]
    public void StatefulSet_snapshot_gives_kubectls_verdict_and_words(string snapshot, string overlay, RolloutState state, string message, string? reason)
    {
        var verdict = RolloutStatusViewer.StatefulSet(Snapshots.Load<StatefulSet>(Snapshots.StatefulSetBase, overlay));
        Assert.Equal((state, message, reason), (verdict.State, verdict.Message, verdict.Reason));
        Assert.False(string.IsNullOrEmpty(snapshot));
    }

    [Theory]
    [MemberData(nameof(DaemonSets))]
    public void DaemonSet_snapshot_gives_kubectls_verdict_and_words(string snapshot, string overlay, RolloutState state, string message, string? reason)
    {
        var verdict = RolloutStatusViewer.DaemonSet(Snapshots.Load<DaemonSet>(Snapshots.DaemonSetBase, overlay));
        Assert.Equal((state, message, reason), (verdict.State, verdict.Message, verdict.Reason));
        Assert.False(string.IsNullOrEmpty(snapshot));
    }

    [Theory]
    [MemberData(nameof(DeploymentConfigs))]
    public void DeploymentConfig_snapshot_gives_ocs_verdict_and_words(string snapshot, string overlay, RolloutState state, string message, string? reason)
    {
        var verdict = RolloutStatusViewer.DeploymentConfig(Snapshots.Load<ImageRoll.OpenShift.Models.DeploymentConfig>(Snapshots.DeploymentConfigBase, overlay));
        Assert.Equal((state, message, reason), (verdict.State, verdict.Message, verdict.Reason));
        Assert.False(string.IsNullOrEmpty(snapshot));
    }

    [Fact]
    public void Snapshot_tables_cover_at_least_thirty_states_across_the_four_kinds()
    {
        Assert.True(Deployments.Count + StatefulSets.Count + DaemonSets.Count + DeploymentConfigs.Count >= 30);
    }
}
