using System.Text.Json.Nodes;
using ImageRoll.ClusterSimulator.Controllers.Images;
using ImageRoll.ClusterSimulator.Http;
using ImageRoll.ClusterSimulator.Store;

namespace ImageRoll.ClusterSimulator.OpenShift;

/// <summary>
/// ImageStreamImport (POST .../imagestreamimports, openshift-apiserver registry/imagestreamimport; what
/// <c>oc import-image</c> sends): synchronous. Each image is looked up in the REAL registry
/// (<see cref="RegistryImageLookup"/>); its result is a metav1.Status in <c>status.images[].status</c> (Success, or
/// the failure's reason/message) with the image's digest in <c>status.images[].image.metadata.name</c>. With
/// spec.import true the outcomes are recorded in the stream as the real REST does (<see cref="ImportStatus.Record"/>:
/// a failure never overwrites an existing spec tag, an identical failure changes nothing) and
/// <c>status.import</c> is the stream; with spec.import false nothing is written (a dry run of the lookups).
/// </summary>
public class ImageStreamImportHandler : IApiHandler, IDisposable
{
    private readonly RegistryImageLookup _lookup = new();

    public void Dispose()
    {
        _lookup.Dispose();
        GC.SuppressFinalize(this);
    }

    public virtual async Task<ApiResult> HandleAsync(ApiRequest request, ObjectStore store, CancellationToken cancellationToken)
    {
        if (request.Verb != "create")
        {
            throw ApiException.MethodNotSupported(ResourceTypes.ImageStreamImports, request.Verb);
        }

        var body = request.Body ?? throw ApiException.BadRequest("the body of the request was empty");
        var ns = request.Namespace!;
        var name = Meta.Name(body);
        var images = (body["spec"]?["images"] as JsonArray)?.OfType<JsonObject>().ToList() ?? [];
        var statuses = new JsonArray();
        var outcomes = new List<ImportOutcome>();
        var logins = PullSecrets.For(store, ns);
        foreach (var image in images)
        {
            var pullSpec = Meta.Str(image["from"]?["name"]) ?? "";
            var insecure = image["importPolicy"]?["insecure"] is JsonValue v && v.TryGetValue<bool>(out var b) && b;
            var outcome = Meta.Str(image["from"]?["kind"]) == "DockerImage"
                ? await _lookup.ImportAsync(pullSpec, insecure, Meta.Str(image["importPolicy"]?["importMode"]) ?? "Legacy", cancellationToken, logins).ConfigureAwait(false)
                : ImportOutcome.Failure("BadRequest", $"only DockerImage sources can be imported, not {Meta.Str(image["from"]?["kind"])}");
            outcomes.Add(outcome);
            var entry = new JsonObject
            {
                ["status"] = outcome.Succeeded
                    ? new JsonObject { ["metadata"] = new JsonObject(), ["status"] = "Success" }
                    : Status.Failure(outcome.Reason == "NotFound" ? 404 : outcome.Reason == "Unauthorized" ? 401 : 500, outcome.Reason!, outcome.Message!),
                ["tag"] = Meta.Str(image["to"]?["name"]) ?? "",
            };
            if (outcome.Succeeded)
            {
                entry["image"] = new JsonObject
                {
                    ["metadata"] = new JsonObject { ["name"] = outcome.Image },
                    ["dockerImageReference"] = outcome.DockerImageReference,
                };
            }

            statuses.Add(entry);
        }

        var result = body.DeepClone().AsObject();
        result["kind"] = "ImageStreamImport";
        result["apiVersion"] = "image.openshift.io/v1";
        Meta.Of(result)["namespace"] = ns;
        Meta.Of(result)["creationTimestamp"] = Meta.Timestamp(store.Clock.GetUtcNow());
        var status = new JsonObject { ["images"] = statuses };
        if (body["spec"]?["import"] is JsonValue flag && flag.TryGetValue<bool>(out var doImport) && doImport && !request.DryRun)
        {
            var imports = images.Select((image, i) => (Tag: Meta.Str(image["to"]?["name"]), Spec: image, Outcome: outcomes[i]))
                .Where(x => x.Tag is { Length: > 0 }).Select(x => new TagImport(x.Tag!, x.Spec, x.Outcome)).ToList();
            if (store.Get(ResourceTypes.ImageStreams, ns, name) is null)
            {
                store.Create(ResourceTypes.ImageStreams, ns, new JsonObject { ["metadata"] = new JsonObject { ["name"] = name } });
            }

            status["import"] = store.Write(ResourceTypes.ImageStreams, ns, name, current =>
            {
                ImportStatus.Record(current, imports, store.Clock.GetUtcNow());
                return current;
            }, WriteScope.All).Object;
        }

        result["status"] = status;
        return ApiResult.Created(result);
    }
}
