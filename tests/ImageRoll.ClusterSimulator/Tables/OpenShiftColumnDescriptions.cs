namespace ImageRoll.ClusterSimulator.Tables;

/// <summary>
/// Column descriptions of openshift-apiserver's printers (pkg/image, pkg/apps and pkg/route printers/internalversion):
/// the generated API documentation of openshift/api (zz_generated.swagger_doc_generated.go).
/// </summary>
internal static class OpenShiftColumnDescriptions
{
    /// <summary>openshift/api image/v1 Image.dockerImageReference</summary>
    public const string ImageDockerImageReference =
        "dockerImageReference is the string that can be used to pull this image.";

    /// <summary>openshift/api image/v1 ImageStreamStatus.dockerImageRepository</summary>
    public const string ImageStreamDockerImageRepository =
        "dockerImageRepository represents the effective location this stream may be accessed at. May be empty until the server determines where the repository is located";

    /// <summary>openshift/api image/v1 ImageStreamTag.image</summary>
    public const string ImageStreamTagImage =
        "image associated with the ImageStream and tag.";

    /// <summary>openshift/api apps/v1 DeploymentConfigStatus.latestVersion</summary>
    public const string DcLatestVersion =
        "latestVersion is used to determine whether the current deployment associated with a deployment config is out of sync.";

    /// <summary>openshift/api apps/v1 DeploymentConfigSpec.replicas</summary>
    public const string DcReplicas =
        "replicas is the number of desired replicas.";

    /// <summary>openshift/api apps/v1 DeploymentConfigStatus.updatedReplicas</summary>
    public const string DcUpdatedReplicas =
        "updatedReplicas is the total number of non-terminated pods targeted by this deployment config that have the desired template spec.";

    /// <summary>openshift/api apps/v1 DeploymentConfigSpec.triggers</summary>
    public const string DcTriggers =
        "triggers determine how updates to a DeploymentConfig result in new deployments. If no triggers are defined, a new deployment can only occur as a result of an explicit client update to the DeploymentConfig with a new LatestVersion. If null, defaults to having a config change trigger.";

    /// <summary>openshift/api route/v1 RouteSpec.host</summary>
    public const string RouteHost =
        "host is an alias/DNS that points to the service. Optional. If not specified a route name will typically be automatically chosen. Must follow DNS952 subdomain conventions.";

    /// <summary>openshift/api route/v1 RouteSpec.path</summary>
    public const string RoutePath =
        "path that the router watches for, to route traffic for to the service. Optional";

    /// <summary>openshift/api route/v1 RouteSpec.port</summary>
    public const string RoutePort =
        "If specified, the port to be used by the router. Most routers will use all endpoints exposed by the service by default - set this value to instruct routers which port to use.";

    /// <summary>openshift/api route/v1 RouteSpec.wildcardPolicy</summary>
    public const string RouteWildcardPolicy =
        "Wildcard policy if any for the route. Currently only 'Subdomain' or 'None' is allowed.";
}
