namespace ImageRoll.Kubernetes;

/// <summary>A REST resource: where objects of one kind live (group, version, plural) and whether they are namespaced.</summary>
public sealed record ResourceKind(string Group, string Version, string Plural, string Kind, bool Namespaced = true)
{
    public static readonly ResourceKind Namespaces = new("", "v1", "namespaces", "Namespace", Namespaced: false);
    public static readonly ResourceKind Pods = new("", "v1", "pods", "Pod");
    public static readonly ResourceKind Events = new("", "v1", "events", "Event");
    public static readonly ResourceKind ReplicationControllers = new("", "v1", "replicationcontrollers", "ReplicationController");
    public static readonly ResourceKind Deployments = new("apps", "v1", "deployments", "Deployment");
    public static readonly ResourceKind StatefulSets = new("apps", "v1", "statefulsets", "StatefulSet");
    public static readonly ResourceKind DaemonSets = new("apps", "v1", "daemonsets", "DaemonSet");
    public static readonly ResourceKind ReplicaSets = new("apps", "v1", "replicasets", "ReplicaSet");
    public static readonly ResourceKind ControllerRevisions = new("apps", "v1", "controllerrevisions", "ControllerRevision");
    public static readonly ResourceKind CronJobs = new("batch", "v1", "cronjobs", "CronJob");
    public static readonly ResourceKind Jobs = new("batch", "v1", "jobs", "Job");
    public static readonly ResourceKind ImageStreams = new("image.openshift.io", "v1", "imagestreams", "ImageStream");
    public static readonly ResourceKind ImageStreamTags = new("image.openshift.io", "v1", "imagestreamtags", "ImageStreamTag");
    public static readonly ResourceKind ImageStreamImports = new("image.openshift.io", "v1", "imagestreamimports", "ImageStreamImport");
    public static readonly ResourceKind DeploymentConfigs = new("apps.openshift.io", "v1", "deploymentconfigs", "DeploymentConfig");

    /// <summary>Create-only and cluster-scoped: "may I do this?" (kubectl auth can-i).</summary>
    public static readonly ResourceKind SelfSubjectAccessReviews = new("authorization.k8s.io", "v1", "selfsubjectaccessreviews", "SelfSubjectAccessReview", Namespaced: false);

    /// <summary><c>v1</c> for the core group, otherwise <c>group/version</c>.</summary>
    public string ApiVersion => Group.Length == 0 ? Version : $"{Group}/{Version}";

    /// <summary><c>deployments.apps</c>, as the API server names a resource in its messages (core: just the plural).</summary>
    public string QualifiedName => Group.Length == 0 ? Plural : $"{Plural}.{Group}";

    /// <summary>The collection path: <c>/apis/apps/v1/namespaces/NS/deployments</c>.</summary>
    public string CollectionPath(string? ns)
    {
        var root = Group.Length == 0 ? $"/api/{Version}" : $"/apis/{Group}/{Version}";
        return Namespaced && ns is not null ? $"{root}/namespaces/{Uri.EscapeDataString(ns)}/{Plural}" : $"{root}/{Plural}";
    }

    /// <summary>The object path, optionally with a subresource (<c>status</c>, <c>instantiate</c>).</summary>
    public string ObjectPath(string? ns, string name, string? subresource = null) =>
        $"{CollectionPath(ns)}/{Uri.EscapeDataString(name)}" + (subresource is null ? string.Empty : "/" + subresource);
}
