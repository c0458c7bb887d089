using System.Text.Json.Nodes;
using ImageRoll.ClusterSimulator.Store;

namespace ImageRoll.ClusterSimulator.Controllers.Images;

/// <summary>
/// The image import controller (openshift-controller-manager pkg/image/controller ImageStreamController): for every
/// spec tag <c>from.kind: DockerImage</c> whose generation is newer than what the status shows (a new or changed tag,
/// or one written with <c>generation: 0</c>, which the API server turns into the stream's new generation), it asks the
/// REAL registry for the manifest and records the image or an <c>ImportSuccess=False</c> condition.
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
        foreach (var tag in (stream["spec"]?["tags"] as JsonArray)?.OfType<JsonObject>().ToList() ?? [])
        {
            var tagName = Meta.Str(tag["name"]) ?? "";
            var generation = Meta.Long(tag["generation"]) ?? 0;
            var pullSpec = Meta.Str(tag["from"]?["name"]);
            if (Meta.Str(tag["from"]?["kind"]) != "DockerImage" || pullSpec is null
                || pullSpec.StartsWith(context.Options.InternalRegistryHostname + "/", StringComparison.Ordinal)
                || ImportStatus.ObservedGeneration(stream, tagName) >= generation)
            {
                continue;
            }

            var insecure = tag["importPolicy"]?["insecure"] is JsonValue v && v.TryGetValue<bool>(out var b) && b;
            var mode = Meta.Str(tag["importPolicy"]?["importMode"]) ?? "Legacy";
            var outcome = await lookup.ImportAsync(pullSpec, insecure, mode, cancellationToken).ConfigureAwait(false);
            context.Log($"import {ns}/{name}:{tagName} from {pullSpec} (generation {generation}): {outcome.Image ?? outcome.Reason}");
            try
            {
                context.Store.Write(ResourceTypes.ImageStreams, ns, name, current =>
                {
                    var now = (current["spec"]?["tags"] as JsonArray)?.OfType<JsonObject>().FirstOrDefault(t => Meta.Str(t["name"]) == tagName);
                    if (now is not null && Meta.Str(now["from"]?["name"]) == pullSpec && ImportStatus.ObservedGeneration(current, tagName) < generation)
                    {
                        ImportStatus.Apply(current, tagName, generation, outcome, context.Clock.GetUtcNow());
                    }

                    return current;
                }, WriteScope.Status, dryRun: false);
            }
            catch (ApiException ex) when (ex.Code == 404)
            {
                return; // the stream was deleted meanwhile
            }
        }
    }
}
