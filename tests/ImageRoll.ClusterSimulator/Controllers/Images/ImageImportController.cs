using System.Text.Json.Nodes;
using ImageRoll.ClusterSimulator.Store;

namespace ImageRoll.ClusterSimulator.Controllers.Images;

/// <summary>
/// The image import controller (openshift-controller-manager pkg/image/controller/imagestream_controller.go
/// <c>handleImageStream</c>): every importable spec tag (<c>tagImportable</c>: <c>from.kind: DockerImage</c> and not
/// <c>reference: true</c>) whose generation is newer than what the status has observed (<c>tagNeedsImport</c>: a new
/// or changed tag, or one written with <c>generation: 0</c>, which the API server turns into the stream's new
/// generation) is imported: the manifest is asked from the REAL registry and the outcome recorded exactly as the
/// ImageStreamImport REST does (<see cref="ImportStatus.Record"/>; a repeated identical failure writes nothing).
/// Pull specs in the integrated registry are left alone (pushes there update the stream themselves).
/// </summary>
public sealed class ImageImportController : ISimulatorController
{
    public string Name => "image-import";

    public async Task RunAsync(ControllerContext context, CancellationToken cancellationToken)
    {
        using var lookup = new RegistryImageLookup();
        using var watch = context.Watch(ResourceTypes.ImageStreams);
        await foreach (var e in watch.WithCancellation(cancellationToken).ConfigureAwait(false))
        {
            if (e.Type is StoreEvent.Added or StoreEvent.Modified)
            {
                await ImportPendingAsync(context, lookup, e.Object, cancellationToken).ConfigureAwait(false);
            }
        }
    }

    public static async Task ImportPendingAsync(ControllerContext context, RegistryImageLookup lookup, JsonObject stream, CancellationToken cancellationToken)
    {
        var ns = Meta.Namespace(stream);
        var name = Meta.Name(stream);
        var imports = new List<TagImport>();
        foreach (var tag in (stream["spec"]?["tags"] as JsonArray)?.OfType<JsonObject>().ToList() ?? [])
        {
            var tagName = Meta.Str(tag["name"]) ?? "";
            var generation = Meta.Long(tag["generation"]);
            var pullSpec = Meta.Str(tag["from"]?["name"]);
            if (!ImportStatus.Importable(tag) || generation is null || pullSpec is null
                || pullSpec.StartsWith(context.Options.InternalRegistryHostname + "/", StringComparison.Ordinal)
                || ImportStatus.ObservedGeneration(stream, tagName) >= generation)
            {
                continue;
            }

            var insecure = tag["importPolicy"]?["insecure"] is JsonValue v && v.TryGetValue<bool>(out var b) && b;
            var mode = Meta.Str(tag["importPolicy"]?["importMode"]) ?? "Legacy";
            var outcome = await lookup.ImportAsync(pullSpec, insecure, mode, cancellationToken, PullSecrets.For(context.Store, ns)).ConfigureAwait(false);
            context.Log($"import {ns}/{name}:{tagName} from {pullSpec} (generation {generation}): {outcome.Image ?? outcome.Reason}");
            var spec = new JsonObject
            {
                ["from"] = new JsonObject { ["kind"] = "DockerImage", ["name"] = pullSpec },
                ["importPolicy"] = tag["importPolicy"]?.DeepClone(),
                ["referencePolicy"] = tag["referencePolicy"]?.DeepClone(),
            };
            imports.Add(new TagImport(tagName, spec, outcome));
        }

        if (imports.Count == 0)
        {
            return;
        }

        try
        {
            // The controller's ImageStreamImport carries the stream's resourceVersion: a tag changed meanwhile is
            // imported again on the next event instead.
            context.Store.Write(ResourceTypes.ImageStreams, ns, name, current =>
            {
                var still = imports.Where(i => SpecFrom(current, i.Tag) == Meta.Str(i.Spec["from"]?["name"])).ToList();
                ImportStatus.Record(current, still, context.Clock.GetUtcNow());
                return current;
            }, WriteScope.All, dryRun: false);
        }
        catch (ApiException ex) when (ex.Code == 404)
        {
            // the stream was deleted meanwhile
        }
    }

    private static string? SpecFrom(JsonObject stream, string tag) =>
        Meta.Str((stream["spec"]?["tags"] as JsonArray)?.OfType<JsonObject>().FirstOrDefault(t => Meta.Str(t["name"]) == tag)?["from"]?["name"]);
}
