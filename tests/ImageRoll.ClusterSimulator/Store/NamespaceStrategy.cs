using System.Text.Json.Nodes;

namespace ImageRoll.ClusterSimulator.Store;

/// <summary>
/// Namespace defaults of pkg/registry/core/namespace/strategy.go: the <c>kubernetes</c> finalizer, phase Active and
/// the immutable <c>kubernetes.io/metadata.name</c> label.
/// </summary>
internal sealed class NamespaceStrategy : IObjectStrategy
{
    public void PrepareForCreate(JsonObject obj)
    {
        obj["spec"] = new JsonObject { ["finalizers"] = new JsonArray("kubernetes") };
        obj["status"] = new JsonObject { ["phase"] = "Active" };
        SetNameLabel(obj);
    }

    public void PrepareForUpdate(JsonObject obj, JsonObject old, WriteScope scope)
    {
        if (scope == WriteScope.Main)
        {
            // spec.finalizers only change through the finalize subresource.
            obj["spec"] = old["spec"]?.DeepClone();
        }

        SetNameLabel(obj);
    }

    private static void SetNameLabel(JsonObject obj)
    {
        var metadata = Meta.Of(obj);
        if (metadata["labels"] is not JsonObject labels)
        {
            labels = new JsonObject();
            metadata["labels"] = labels;
        }

        labels["kubernetes.io/metadata.name"] = Meta.Name(obj);
    }
}
