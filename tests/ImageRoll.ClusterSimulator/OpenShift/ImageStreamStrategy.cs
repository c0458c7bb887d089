using System.Text.Json.Nodes;
using ImageRoll.ClusterSimulator.Store;

namespace ImageRoll.ClusterSimulator.OpenShift;

/// <summary>
/// ImageStream server logic of openshift-apiserver pkg/image/apiserver/registry/imagestream/strategy.go:
/// status.dockerImageRepository names the integrated registry; a spec tag that is new, changed or sent with
/// generation 0 gets the stream's (new) generation, which is what makes the import controller re-import it.
/// </summary>
public sealed class ImageStreamStrategy : IObjectStrategy
{
    private readonly string registryHostname;

    public ImageStreamStrategy(string registryHostname)
    {
        this.registryHostname = registryHostname;
    }

    public void PrepareForCreate(JsonObject obj)
    {
        SetRepository(obj);
        foreach (var tag in SpecTags(obj))
        {
            tag["generation"] = Meta.Generation(obj);
            SetTagDefaults(tag);
        }
    }

    /// <summary>
    /// Defaults of openshift/api image/v1 (SetDefaults_TagReferencePolicy, SetDefaults_TagImportPolicy):
    /// referencePolicy.type Source, importPolicy.importMode Legacy.
    /// </summary>
    private static void SetTagDefaults(JsonObject tag)
    {
        if (tag["referencePolicy"] is not JsonObject reference)
        {
            reference = new JsonObject();
            tag["referencePolicy"] = reference;
        }

        if (string.IsNullOrEmpty(Meta.Str(reference["type"])))
        {
            reference["type"] = "Source";
        }

        if (tag["importPolicy"] is not JsonObject import)
        {
            import = new JsonObject();
            tag["importPolicy"] = import;
        }

        if (string.IsNullOrEmpty(Meta.Str(import["importMode"])))
        {
            import["importMode"] = "Legacy";
        }
    }

    public void PrepareForUpdate(JsonObject obj, JsonObject old, WriteScope scope)
    {
        SetRepository(obj);
        if (scope == WriteScope.Status)
        {
            return;
        }

        var oldTags = SpecTags(old).ToDictionary(t => Meta.Str(t["name"]) ?? "", StringComparer.Ordinal);
        foreach (var tag in SpecTags(obj))
        {
            SetTagDefaults(tag);
            var sentGeneration = Meta.Long(tag["generation"]);
            if (oldTags.TryGetValue(Meta.Str(tag["name"]) ?? "", out var oldTag) && sentGeneration != 0 && SameIgnoringGeneration(tag, oldTag))
            {
                tag["generation"] = oldTag["generation"]?.DeepClone();
            }
            else
            {
                tag["generation"] = Meta.Generation(obj);
            }
        }
    }

    private void SetRepository(JsonObject obj)
    {
        if (obj["status"] is not JsonObject status)
        {
            status = new JsonObject();
            obj["status"] = status;
        }

        status["dockerImageRepository"] = $"{registryHostname}/{Meta.Namespace(obj)}/{Meta.Name(obj)}";
    }

    private static bool SameIgnoringGeneration(JsonObject a, JsonObject b)
    {
        var x = a.DeepClone().AsObject();
        var y = b.DeepClone().AsObject();
        x.Remove("generation");
        y.Remove("generation");
        return JsonNode.DeepEquals(x, y);
    }

    internal static IEnumerable<JsonObject> SpecTags(JsonObject stream) =>
        (stream["spec"]?["tags"] as JsonArray)?.OfType<JsonObject>() ?? [];
}
