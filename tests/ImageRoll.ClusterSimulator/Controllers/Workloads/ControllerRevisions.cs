using System.Globalization;
using System.Text.Json.Nodes;
using ImageRoll.ClusterSimulator.Controllers.Core;

namespace ImageRoll.ClusterSimulator.Controllers.Workloads;

/// <summary>
/// ControllerRevisions of StatefulSets and DaemonSets (kubernetes pkg/controller/history): one per distinct pod
/// template, named <c>&lt;owner&gt;-&lt;hash&gt;</c>, labelled <c>controller.kubernetes.io/hash</c>, with a
/// <c>revision</c> number; going back to an earlier template re-numbers that revision as the newest.
/// </summary>
public static class ControllerRevisions
{
    public const string HashLabel = "controller.kubernetes.io/hash";

    public static List<JsonObject> Owned(IControllerStore store, JsonObject owner) =>
        Obj.OwnedBy(store.List("apps/v1", "ControllerRevision", Obj.Namespace(owner)), owner)
            .OrderBy(r => Obj.Int(r, 0, "revision")).ToList();

    /// <summary>The revision for the owner's current template (created or re-numbered as needed), or null on a conflict.</summary>
    public static JsonObject? ForCurrentTemplate(IControllerStore store, JsonObject owner, List<JsonObject> revisions)
    {
        var template = Obj.At(owner, "spec", "template");
        var hash = TemplateHash.Compute(template, Obj.Int(owner, 0, "status", "collisionCount"));
        var name = $"{Obj.Name(owner)}-{hash}";
        var max = revisions.Select(r => Obj.Int(r, 0, "revision")).DefaultIfEmpty(0).Max();
        var existing = revisions.FirstOrDefault(r => Obj.Name(r) == name);
        if (existing is not null)
        {
            if (Obj.Int(existing, 0, "revision") < max)
            {
                existing["revision"] = max + 1;
                return store.Update(existing);
            }

            return existing;
        }

        var labels = Obj.StringMap(template, "metadata", "labels");
        var labelObject = new JsonObject();
        foreach (var (k, v) in labels)
        {
            labelObject[k] = v;
        }

        labelObject[HashLabel] = hash;
        var revision = new JsonObject
        {
            ["apiVersion"] = "apps/v1",
            ["kind"] = "ControllerRevision",
            ["metadata"] = new JsonObject
            {
                ["name"] = name,
                ["namespace"] = Obj.Namespace(owner),
                ["labels"] = labelObject,

                // The owner's annotations at the time of the revision (statefulset newRevision, daemonset snapshot):
                // kubectl rollout history reads kubernetes.io/change-cause from them.
                ["annotations"] = Obj.At(owner, "metadata", "annotations")?.DeepClone() ?? new JsonObject(),
                ["ownerReferences"] = new JsonArray(Obj.OwnerReference(owner)),
            },
            // The real data is a strategic-merge patch replacing the template (statefulset getPatch / daemonset getPatch).
            ["data"] = new JsonObject { ["spec"] = new JsonObject { ["template"] = Patch(template) } },
            ["revision"] = max + 1,
        };
        return store.Create(revision) ?? store.Get("apps/v1", "ControllerRevision", Obj.Namespace(owner), name);
    }

    public static string Hash(JsonObject revision) => Obj.Str(revision, "metadata", "labels", HashLabel) ?? "";

    public static string RevisionText(JsonObject revision) =>
        Obj.Int(revision, 0, "revision").ToString(CultureInfo.InvariantCulture);

    private static JsonNode Patch(JsonNode? template)
    {
        var t = template is JsonObject o ? Obj.Clone(o) : new JsonObject();
        t["$patch"] = "replace";
        return t;
    }
}
