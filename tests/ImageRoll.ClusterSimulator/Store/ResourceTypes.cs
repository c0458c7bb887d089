namespace ImageRoll.ClusterSimulator.Store;

/// <summary>
/// The resources the simulated cluster serves, with the short names, subresources and categories of the real
/// kube-apiserver 1.31 and openshift-apiserver discovery documents.
/// </summary>
public static class ResourceTypes
{
    public static ResourceType Namespaces { get; } = new("", "v1", "namespaces", "namespace", "Namespace", false)
    { ShortNames = ["ns"], HasStatusSubresource = true, Verbs = ["create", "delete", "get", "list", "patch", "update", "watch"] };

    public static ResourceType Pods { get; } = new("", "v1", "pods", "pod", "Pod", true)
    { ShortNames = ["po"], HasStatusSubresource = true, Categories = ["all"] };

    public static ResourceType Events { get; } = new("", "v1", "events", "event", "Event", true) { ShortNames = ["ev"] };

    public static ResourceType Services { get; } = new("", "v1", "services", "service", "Service", true)
    { ShortNames = ["svc"], HasStatusSubresource = true, Categories = ["all"] };

    public static ResourceType ConfigMaps { get; } = new("", "v1", "configmaps", "configmap", "ConfigMap", true) { ShortNames = ["cm"] };

    public static ResourceType Secrets { get; } = new("", "v1", "secrets", "secret", "Secret", true);

    public static ResourceType ServiceAccounts { get; } = new("", "v1", "serviceaccounts", "serviceaccount", "ServiceAccount", true)
    { ShortNames = ["sa"], Subresources = ["token"] };

    public static ResourceType ReplicationControllers { get; } = new("", "v1", "replicationcontrollers", "replicationcontroller", "ReplicationController", true)
    { ShortNames = ["rc"], HasStatusSubresource = true, TracksGeneration = true, Subresources = ["scale"], Categories = ["all"] };

    public static ResourceType Deployments { get; } = new("apps", "v1", "deployments", "deployment", "Deployment", true)
    { ShortNames = ["deploy"], HasStatusSubresource = true, TracksGeneration = true, Subresources = ["scale"], Categories = ["all"] };

    public static ResourceType StatefulSets { get; } = new("apps", "v1", "statefulsets", "statefulset", "StatefulSet", true)
    { ShortNames = ["sts"], HasStatusSubresource = true, TracksGeneration = true, Subresources = ["scale"], Categories = ["all"] };

    public static ResourceType DaemonSets { get; } = new("apps", "v1", "daemonsets", "daemonset", "DaemonSet", true)
    { ShortNames = ["ds"], HasStatusSubresource = true, TracksGeneration = true, Categories = ["all"] };

    public static ResourceType ReplicaSets { get; } = new("apps", "v1", "replicasets", "replicaset", "ReplicaSet", true)
    { ShortNames = ["rs"], HasStatusSubresource = true, TracksGeneration = true, Subresources = ["scale"], Categories = ["all"] };

    public static ResourceType ControllerRevisions { get; } = new("apps", "v1", "controllerrevisions", "controllerrevision", "ControllerRevision", true);

    public static ResourceType Jobs { get; } = new("batch", "v1", "jobs", "job", "Job", true)
    { HasStatusSubresource = true, TracksGeneration = true, Categories = ["all"] };

    public static ResourceType CronJobs { get; } = new("batch", "v1", "cronjobs", "cronjob", "CronJob", true)
    { ShortNames = ["cj"], HasStatusSubresource = true, TracksGeneration = true, Categories = ["all"] };

    public static ResourceType Roles { get; } = new("rbac.authorization.k8s.io", "v1", "roles", "role", "Role", true);

    public static ResourceType RoleBindings { get; } = new("rbac.authorization.k8s.io", "v1", "rolebindings", "rolebinding", "RoleBinding", true);

    public static ResourceType ClusterRoles { get; } = new("rbac.authorization.k8s.io", "v1", "clusterroles", "clusterrole", "ClusterRole", false);

    public static ResourceType ClusterRoleBindings { get; } = new("rbac.authorization.k8s.io", "v1", "clusterrolebindings", "clusterrolebinding", "ClusterRoleBinding", false);

    /// <summary>config.openshift.io/v1 Image, the cluster's image configuration: the one object <c>cluster</c> names the integrated registry.</summary>
    public static ResourceType ImageConfigs { get; } = new("config.openshift.io", "v1", "images", "image", "Image", false)
    { HasStatusSubresource = true };

    public static ResourceType ImageStreams { get; } = new("image.openshift.io", "v1", "imagestreams", "imagestream", "ImageStream", true)
    { ShortNames = ["is"], HasStatusSubresource = true, TracksGeneration = true, Categories = ["all"] };

    /// <summary>Virtual: a view of one tag of an ImageStream (openshift-apiserver registry/imagestreamtag).</summary>
    public static ResourceType ImageStreamTags { get; } = new("image.openshift.io", "v1", "imagestreamtags", "imagestreamtag", "ImageStreamTag", true)
    { ShortNames = ["istag"], Virtual = true, Verbs = ["create", "delete", "get", "list", "patch", "update"] };

    /// <summary>Virtual: create-only, synchronous import (openshift-apiserver registry/imagestreamimport).</summary>
    public static ResourceType ImageStreamImports { get; } = new("image.openshift.io", "v1", "imagestreamimports", "imagestreamimport", "ImageStreamImport", true)
    { Virtual = true, Verbs = ["create"] };

    public static ResourceType DeploymentConfigs { get; } = new("apps.openshift.io", "v1", "deploymentconfigs", "deploymentconfig", "DeploymentConfig", true)
    { ShortNames = ["dc"], HasStatusSubresource = true, TracksGeneration = true, Subresources = ["instantiate", "scale"], Categories = ["all"] };

    public static ResourceType Routes { get; } = new("route.openshift.io", "v1", "routes", "route", "Route", true)
    { HasStatusSubresource = true, Categories = ["all"] };

    /// <summary>Virtual: create-only, cluster-scoped "may I?" (kube-apiserver pkg/registry/authorization/selfsubjectaccessreview).</summary>
    public static ResourceType SelfSubjectAccessReviews { get; } = new("authorization.k8s.io", "v1", "selfsubjectaccessreviews", "selfsubjectaccessreview", "SelfSubjectAccessReview", false)
    { Virtual = true, Verbs = ["create"] };

    public static IReadOnlyList<ResourceType> All { get; } =
    [
        Namespaces, Pods, Events, Services, ConfigMaps, Secrets, ServiceAccounts, ReplicationControllers,
        Deployments, StatefulSets, DaemonSets, ReplicaSets, ControllerRevisions, Jobs, CronJobs, Roles, RoleBindings,
        ClusterRoles, ClusterRoleBindings, ImageConfigs, ImageStreams, ImageStreamTags, ImageStreamImports, DeploymentConfigs, Routes, SelfSubjectAccessReviews,
    ];

    /// <summary>Group versions in discovery order.</summary>
    public static IReadOnlyList<(string Group, string Version)> GroupVersions { get; } =
        All.Select(r => (r.Group, r.Version)).Distinct().ToList();

    /// <summary>Finds a resource by group and plural name (or null).</summary>
    public static ResourceType? Find(string group, string version, string plural) =>
        All.FirstOrDefault(r => r.Group == group && r.Version == version && r.Plural == plural);

    /// <summary>Finds a resource by apiVersion and kind (or null).</summary>
    public static ResourceType? FindByKind(string apiVersion, string kind) =>
        All.FirstOrDefault(r => r.ApiVersion == apiVersion && r.Kind == kind);
}
