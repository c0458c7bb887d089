using System.Text.Json.Nodes;
using ImageRoll.ClusterSimulator.Store;

namespace ImageRoll.ClusterSimulator.OpenShift;

/// <summary>
/// The cluster's image configuration, <c>config.openshift.io/v1</c> Image <c>cluster</c> (openshift/api
/// config/v1/types_image.go): <c>status.internalRegistryHostname</c>, the integrated registry's service host that
/// image streams name (<c>status.dockerImageRepository</c>), and <c>status.externalRegistryHostnames</c>, where it is
/// reachable from outside the cluster (its route), when it is.
/// </summary>
public static class ImageConfig
{
    public const string Name = "cluster";

    public static void Seed(ObjectStore store, string internalHostname, string? externalHostname)
    {
        var status = new JsonObject { ["internalRegistryHostname"] = internalHostname };
        if (externalHostname is not null)
        {
            status["externalRegistryHostnames"] = new JsonArray(externalHostname);
        }

        store.Create(ResourceTypes.ImageConfigs, null, new JsonObject
        {
            ["apiVersion"] = "config.openshift.io/v1",
            ["kind"] = "Image",
            ["metadata"] = new JsonObject { ["name"] = Name },
            ["spec"] = new JsonObject(),
        });
        store.Modify(ResourceTypes.ImageConfigs, null, Name, image => image["status"] = status, WriteScope.Status);
    }
}
