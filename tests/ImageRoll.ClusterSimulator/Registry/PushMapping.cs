using System.Text.Json.Nodes;
using ImageRoll.ClusterSimulator.Authorization;
using ImageRoll.ClusterSimulator.Http;
using ImageRoll.ClusterSimulator.OpenShift;
using ImageRoll.ClusterSimulator.Store;

namespace ImageRoll.ClusterSimulator.Registry;

/// <summary>
/// What a manifest pushed by tag does to the image stream, as openshift/image-registry's manifest service does it
/// (pkg/dockerregistry/server/manifestservice.go <c>Put</c>: the manifest is stored first, then an ImageStreamMapping
/// is created with the registry's own credentials) and openshift-apiserver's ImageStreamMapping REST applies it
/// (pkg/image/apiserver/registry/imagestreammapping/rest.go <c>Create</c>): the tag's status gets the event
/// <c>{created, dockerImageReference: INTERNAL_HOST/NS/STREAM@DIGEST, image: DIGEST, generation: the stream's}</c>
/// (<see cref="TagEvents"/>, AddTagEventToImageStream); the
/// spec is not touched. A missing stream is created first with the PUSHING user's rights
/// (imagestream.go <c>createImageStream</c>): without <c>create imagestreams</c> the push is DENIED (403).
/// </summary>
internal sealed class PushMapping(ObjectStore store, Authenticator authenticator, string internalHostname, TimeProvider clock)
{
    /// <summary>Null when recorded; else the reason the user may not auto-provision the stream.</summary>
    public string? Record(string user, RegistryRequest request, string tag, string digest)
    {
        if (store.Get(ResourceTypes.ImageStreams, request.Namespace, request.Stream) is null)
        {
            var allowed = authenticator.Decide(user, new AccessAttributes("create", "image.openshift.io", "imagestreams", null, request.Namespace, null));
            if (!allowed.Allowed)
            {
                return $"imagestreams.image.openshift.io is forbidden: User \"{user}\" cannot create resource \"imagestreams\" in API group \"image.openshift.io\" in the namespace \"{request.Namespace}\"";
            }

            try
            {
                store.Create(ResourceTypes.ImageStreams, request.Namespace, new JsonObject
                {
                    ["apiVersion"] = "image.openshift.io/v1",
                    ["kind"] = "ImageStream",
                    ["metadata"] = new JsonObject { ["name"] = request.Stream, ["namespace"] = request.Namespace },
                });
            }
            catch (ApiException e) when (e.Code == 409)
            {
                // created meanwhile: use it (createImageStream treats AlreadyExists as success)
            }
        }

        var reference = $"{internalHostname}/{request.Namespace}/{request.Stream}@{digest}";
        store.Write(ResourceTypes.ImageStreams, request.Namespace, request.Stream, stream =>
        {
            TagEvents.Add(stream, tag, reference, digest, Meta.Generation(stream), clock.GetUtcNow());
            return stream;
        }, WriteScope.Status);
        return null;
    }
}
