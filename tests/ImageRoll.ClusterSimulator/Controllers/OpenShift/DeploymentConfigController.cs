using System.Globalization;
using System.Text.Json.Nodes;
using ImageRoll.ClusterSimulator.Controllers.Core;
using N = ImageRoll.ClusterSimulator.Controllers.OpenShift.DeploymentConfigNames;

namespace ImageRoll.ClusterSimulator.Controllers.OpenShift;

/// <summary>
/// The DeploymentConfig controller's rollout half (openshift-controller-manager
/// pkg/apps/deploymentconfig/deploymentconfig_controller.go Handle, minus triggerActivated, which the trigger
/// controller of the simulator does): for a new <c>status.latestVersion</c> it cancels running rollouts and creates
/// the ReplicationController <c>&lt;dc&gt;-&lt;N&gt;</c> (appsutil.MakeDeployment); once the latest rollout ended it
/// keeps the last complete RC at spec.replicas and every other at 0; it writes the status and its conditions.
/// </summary>
public sealed class DeploymentConfigController(IControllerStore store, EventRecorder events, TimeProvider time) : IReconciler
{
    private const string Component = "deploymentconfig-controller";

    public string Name => "deploymentconfig";

    public TimeSpan? Reconcile(CancellationToken cancellationToken)
    {
        var allRcs = store.List("v1", "ReplicationController");
        foreach (var dc in store.List("apps.openshift.io/v1", "DeploymentConfig"))
        {
            cancellationToken.ThrowIfCancellationRequested();
            Handle(dc, Obj.OwnedBy(allRcs, dc).ToList());
        }

        return null;
    }

    private void Handle(JsonObject dc, List<JsonObject> rcs)
    {
        var version = Obj.Int(dc, 0, "status", "latestVersion");
        if (version == 0 || Obj.Bool(dc, "spec", "paused") || Obj.IsDeleting(dc))
        {
            DeploymentConfigStatus.Write(store, dc, rcs, true, time.GetUtcNow());
            return;
        }

        var latest = rcs.FirstOrDefault(rc => Obj.Name(rc) == N.RcName(dc, version));
        if (latest is null)
        {
            if (CancelRunning(dc, rcs, version))
            {
                return;
            }

            if (Obj.Objects(dc, "spec", "template", "spec", "containers").Any(c => string.IsNullOrWhiteSpace(Obj.Str(c, "image"))))
            {
                DeploymentConfigStatus.Write(store, dc, rcs, true, time.GetUtcNow());
                return;
            }

            var created = store.Create(MakeDeployment(dc, version));
            if (created is null)
            {
                return;
            }

            var msg = $"Created new replication controller \"{Obj.Name(created)}\" for version {version}";
            events.Normal(dc, Component, "DeploymentCreated", msg);
            rcs.Add(created);
            var now = time.GetUtcNow();
            DeploymentConfigStatus.Write(store, dc, rcs, true, now,
                Conditions.Make("Progressing", "True", "NewReplicationControllerCreated", msg, now));
            return;
        }

        if (!N.IsTerminal(latest))
        {
            DeploymentConfigStatus.Write(store, dc, rcs, false, time.GetUtcNow());
            return;
        }

        ReconcileDeployments(dc, rcs);
        DeploymentConfigStatus.Write(store, dc, rcs, true, time.GetUtcNow());
    }

    /// <summary>cancelRunningRollouts: a newer version supersedes rollouts still in progress.</summary>
    private bool CancelRunning(JsonObject dc, List<JsonObject> rcs, long version)
    {
        var waiting = false;
        foreach (var rc in rcs.Where(rc => !N.IsTerminal(rc)))
        {
            waiting = true;
            if (N.IsCancelled(rc))
            {
                continue;
            }

            Obj.SetAnnotation(rc, N.Cancelled, "true");
            Obj.SetAnnotation(rc, N.StatusReason, N.CancelledNewerDeploymentExists);
            if (store.Update(rc) is not null)
            {
                events.Normal(dc, Component, "DeploymentCancelled", $"Cancelled deployment \"{Obj.Name(rc)}\" superceded by version {version}");
            }
        }

        return waiting;
    }

    /// <summary>reconcileDeployments: the active (last complete) RC follows spec.replicas, all others go to 0.</summary>
    private void ReconcileDeployments(JsonObject dc, List<JsonObject> rcs)
    {
        var active = rcs.Where(rc => N.PhaseOf(rc) == "Complete").OrderByDescending(N.VersionOf).FirstOrDefault();
        for (var i = 0; i < rcs.Count; i++)
        {
            var rc = rcs[i];
            var from = Obj.Int(rc, 0, "spec", "replicas");
            var to = active is not null && Obj.Name(rc) == Obj.Name(active) ? Obj.Int(dc, 1, "spec", "replicas") : 0;
            if (from == to)
            {
                continue;
            }

            rc["spec"]!["replicas"] = to;
            if (store.Update(rc) is { } updated)
            {
                rcs[i] = updated;
                events.Normal(dc, Component, "ReplicationControllerScaled", $"Scaled replication controller \"{Obj.Name(rc)}\" from {from} to {to}");
            }
        }
    }

    /// <summary>appsutil.MakeDeployment: the RC of one version, at 0 replicas, phase New.</summary>
    private static JsonObject MakeDeployment(JsonObject dc, long version)
    {
        var name = N.RcName(dc, version);
        var versionText = version.ToString(CultureInfo.InvariantCulture);
        var labels = new JsonObject();
        foreach (var (k, v) in Obj.StringMap(dc, "metadata", "labels"))
        {
            labels[k] = v;
        }

        labels[N.ConfigName] = Obj.Name(dc);
        var selector = new JsonObject();
        foreach (var (k, v) in Obj.StringMap(dc, "spec", "selector"))
        {
            selector[k] = v;
        }

        selector[N.ConfigLabel] = Obj.Name(dc);
        selector[N.DeploymentLabel] = name;
        var template = Obj.At(dc, "spec", "template") is JsonObject t ? Obj.Clone(t) : new JsonObject();
        var podLabels = Obj.Ensure(template, "metadata", "labels");
        podLabels[N.ConfigLabel] = Obj.Name(dc);
        podLabels[N.DeploymentLabel] = name;
        var podAnnotations = Obj.Ensure(template, "metadata", "annotations");
        podAnnotations[N.DeploymentName] = name;
        podAnnotations[N.ConfigName] = Obj.Name(dc);
        podAnnotations[N.LatestVersion] = versionText;
        foreach (var c in Obj.Objects(template, "spec", "containers"))
        {
            c["image"] = Obj.Str(c, "image")?.Trim();
        }

        var annotations = new JsonObject
        {
            [N.ConfigName] = Obj.Name(dc),
            [N.EncodedConfig] = dc.ToJsonString(),
            [N.Phase] = "New",
            [N.LatestVersion] = versionText,
            [N.DesiredReplicas] = Obj.Int(dc, 1, "spec", "replicas").ToString(CultureInfo.InvariantCulture),
            [N.Replicas] = "0",
        };
        if (Obj.Str(dc, "status", "details", "message") is { Length: > 0 } reason)
        {
            annotations[N.StatusReason] = reason;
        }

        return new JsonObject
        {
            ["apiVersion"] = "v1",
            ["kind"] = "ReplicationController",
            ["metadata"] = new JsonObject
            {
                ["name"] = name,
                ["namespace"] = Obj.Namespace(dc),
                ["labels"] = labels,
                ["annotations"] = annotations,
                ["ownerReferences"] = new JsonArray(Obj.OwnerReference(dc)),
            },
            ["spec"] = new JsonObject
            {
                ["replicas"] = 0,
                ["selector"] = selector,
                ["minReadySeconds"] = Obj.Int(dc, 0, "spec", "minReadySeconds"),
                ["template"] = template,
            },
        };
    }
}
