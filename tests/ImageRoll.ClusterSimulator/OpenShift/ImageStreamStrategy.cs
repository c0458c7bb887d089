using System.Text.Json.Nodes;
using ImageRoll.ClusterSimulator.Store;

namespace ImageRoll.ClusterSimulator.OpenShift;

/// <summary>
/// ImageStream server logic of openshift-apiserver pkg/image/apiserver/registry/imagestream/strategy.go:
/// status.dockerImageRepository names the integrated registry; a spec tag that is new, changed (<c>tagRefChanged</c>)
/// or sent with generation 0 gets the stream's (new) generation, which is what makes the import controller re-import
/// it; a changed reference tag gets its status event from the server itself.
/// </summary>
public sealed class ImageStreamStrategy : IObjectStrategy
{
    private readonly string _registryHostname;
    private readonly TimeProvider _clock;

    public ImageStreamStrategy(string registryHostname, TimeProvider? clock = null)
    {
        _registryHostname = registryHostname;
        _clock = clock ?? TimeProvider.System;
    }

    /// <summary>Reads another image stream (a spec tag whose source is another stream's tag or image).</summary>
    public Func<string, string, JsonObject?>? Lookup { get; set; }

    /// <summary>The integrated registry's external host name (its route), once it runs; null: none.</summary>
    public string? ExternalRegistryHostname { get; set; }

    public void PrepareForCreate(JsonObject obj)
    {
        SetRepository(obj);
        foreach (var tag in SpecTags(obj))
        {
            tag["generation"] = Meta.Generation(obj);
            SetTagDefaults(tag);
            AddReferenceEvent(obj, tag);
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
            if (oldTags.TryGetValue(Meta.Str(tag["name"]) ?? "", out var oldTag) && sentGeneration != 0 && !TagRefChanged(oldTag, tag, Meta.Namespace(obj) ?? ""))
            {
                tag["generation"] = oldTag["generation"]?.DeepClone();
            }
            else
            {
                tag["generation"] = Meta.Generation(obj);
                AddReferenceEvent(obj, tag);
            }
        }
    }

    /// <summary>
    /// strategy.go <c>tagsChanged</c>: a changed <c>reference: true</c> DockerImage tag is never imported (the import
    /// controller skips it, imagestream_controller.go <c>tagImportable</c>); the API server itself records its source
    /// as items[0] (<c>tagReferenceToTagEvent</c>: dockerImageReference = from.name, no image), at the tag's generation.
    /// </summary>
    private void AddReferenceEvent(JsonObject stream, JsonObject tag)
    {
        if (StreamReferenceEvents.Handles(tag))
        {
            StreamReferenceEvents.Apply(stream, tag, (ns, name) => Lookup?.Invoke(ns, name), _registryHostname, _clock.GetUtcNow());
            return;
        }

        if (Meta.Str(tag["from"]?["kind"]) != "DockerImage" || Meta.Str(tag["from"]?["name"]) is not { Length: > 0 } from
            || !(tag["reference"] is JsonValue r && r.TryGetValue<bool>(out var reference) && reference))
        {
            return;
        }

        TagEvents.Add(stream, Meta.Str(tag["name"])!, from, string.Empty, Meta.Long(tag["generation"]) ?? Meta.Generation(stream), _clock.GetUtcNow());
    }

    private void SetRepository(JsonObject obj)
    {
        if (obj["status"] is not JsonObject status)
        {
            status = new JsonObject();
            obj["status"] = status;
        }

        status["dockerImageRepository"] = $"{_registryHostname}/{Meta.Namespace(obj)}/{Meta.Name(obj)}";
        if (ExternalRegistryHostname is { } external)
        {
            // strategy.go publicDockerImageRepository: the Image config's first external host name.
            status["publicDockerImageRepository"] = $"{external}/{Meta.Namespace(obj)}/{Meta.Name(obj)}";
        }
    }

    /// <summary>
    /// strategy.go <c>tagRefChanged</c>: only the source (namespace, name), <c>reference</c> and
    /// <c>importPolicy.importMode</c> count, or a generation set to 0; other edits (insecure, annotations) keep the
    /// tag's generation and so trigger no import.
    /// </summary>
    private static bool TagRefChanged(JsonObject old, JsonObject next, string ns)
    {
        if (next["from"] is not JsonObject from || (string.IsNullOrEmpty(Meta.Str(from["kind"])) && string.IsNullOrEmpty(Meta.Str(from["name"]))))
        {
            return false;
        }

        static bool Flag(JsonNode? n) => n is JsonValue v && v.TryGetValue<bool>(out var b) && b;
        return (Meta.Str(old["from"]?["namespace"]) is { Length: > 0 } on ? on : ns) != (Meta.Str(from["namespace"]) is { Length: > 0 } nn ? nn : ns)
               || Meta.Str(old["from"]?["name"]) != Meta.Str(from["name"])
               || Flag(old["reference"]) != Flag(next["reference"])
               || Meta.Str(old["importPolicy"]?["importMode"]) != Meta.Str(next["importPolicy"]?["importMode"]);
    }

    internal static IEnumerable<JsonObject> SpecTags(JsonObject stream) =>
        (stream["spec"]?["tags"] as JsonArray)?.OfType<JsonObject>() ?? [];
}
