namespace ImageRoll.ClusterSimulator.Tables;

/// <summary>
/// The descriptions the real servers put in their Table column definitions: the generated API documentation of the
/// field each column shows (<c>SwaggerDoc()</c> of k8s.io/api and k8s.io/apimachinery types_swagger_doc_generated.go,
/// as kubernetes pkg/printers/internalversion/printers.go <c>AddHandlers</c> references them).
/// </summary>
internal static class ColumnDescriptions
{
    /// <summary>k8s.io/apimachinery meta/v1 ObjectMeta.name</summary>
    public const string Name =
        "Name must be unique within a namespace. Is required when creating resources, although some resources may allow a client to request the generation of an appropriate name automatically. Name is primarily intended for creation idempotence and configuration definition. Cannot be updated. More info: https://kubernetes.io/docs/concepts/overview/working-with-objects/names#names";

    /// <summary>k8s.io/apimachinery meta/v1 ObjectMeta.creationTimestamp</summary>
    public const string CreationTimestamp =
        "CreationTimestamp is a timestamp representing the server time when this object was created. It is not guaranteed to be set in happens-before order across separate operations. Clients may not set this value. It is represented in RFC3339 form and is in UTC.\n\nPopulated by the system. Read-only. Null for lists. More info: https://git.k8s.io/community/contributors/devel/sig-architecture/api-conventions.md#metadata";

    /// <summary>k8s.io/api core/v1 PodStatus.podIP</summary>
    public const string PodIP =
        "podIP address allocated to the pod. Routable at least within the cluster. Empty if not yet allocated.";

    /// <summary>k8s.io/api core/v1 PodSpec.nodeName</summary>
    public const string NodeName =
        "NodeName indicates in which node this pod is scheduled. If empty, this pod is a candidate for scheduling by the scheduler defined in schedulerName. Once this field is set, the kubelet for this node becomes responsible for the lifecycle of this pod. This field should not be used to express a desire for the pod to be scheduled on a specific node. https://kubernetes.io/docs/concepts/scheduling-eviction/assign-pod-node/#nodename";

    /// <summary>k8s.io/api core/v1 PodStatus.nominatedNodeName</summary>
    public const string NominatedNodeName =
        "nominatedNodeName is set only when this pod preempts other pods on the node, but it cannot be scheduled right away as preemption victims receive their graceful termination periods. This field does not guarantee that the pod will be scheduled on this node. Scheduler may decide to place the pod elsewhere if other nodes become available sooner. Scheduler may also decide to give the resources on this node to a higher priority pod that is created after preemption. As a result, this field may be different than PodSpec.nodeName when the pod is scheduled.";

    /// <summary>k8s.io/api core/v1 PodSpec.readinessGates</summary>
    public const string ReadinessGates =
        "If specified, all readiness gates will be evaluated for pod readiness. A pod is ready when all its containers are ready AND all conditions specified in the readiness gates have status equal to \"True\" More info: https://git.k8s.io/enhancements/keps/sig-network/580-pod-readiness-gates";

    /// <summary>k8s.io/api core/v1 PodSpec.nodeSelector</summary>
    public const string NodeSelector =
        "NodeSelector is a selector which must be true for the pod to fit on a node. Selector which must match a node's labels for the pod to be scheduled on that node. More info: https://kubernetes.io/docs/concepts/configuration/assign-pod-node/";

    /// <summary>k8s.io/api core/v1 ReplicationControllerSpec.replicas</summary>
    public const string RcSpecReplicas =
        "Replicas is the number of desired replicas. This is a pointer to distinguish between explicit zero and unspecified. Defaults to 1. More info: https://kubernetes.io/docs/concepts/workloads/controllers/replicationcontroller#what-is-a-replicationcontroller";

    /// <summary>k8s.io/api core/v1 ReplicationControllerStatus.replicas</summary>
    public const string RcStatusReplicas =
        "Replicas is the most recently observed number of replicas. More info: https://kubernetes.io/docs/concepts/workloads/controllers/replicationcontroller#what-is-a-replicationcontroller";

    /// <summary>k8s.io/api core/v1 ReplicationControllerStatus.readyReplicas</summary>
    public const string RcReadyReplicas =
        "The number of ready replicas for this replication controller.";

    /// <summary>k8s.io/api core/v1 ReplicationControllerSpec.selector</summary>
    public const string RcSelector =
        "Selector is a label query over pods that should match the Replicas count. If Selector is empty, it is defaulted to the labels present on the Pod template. Label keys and values that must match in order to be controlled by this replication controller, if empty defaulted to labels on Pod template. More info: https://kubernetes.io/docs/concepts/overview/working-with-objects/labels/#label-selectors";

    /// <summary>k8s.io/api extensions/v1beta1 ReplicaSetSpec.replicas</summary>
    public const string RsSpecReplicas =
        "Replicas is the number of desired pods. This is a pointer to distinguish between explicit zero and unspecified. Defaults to 1. More info: https://kubernetes.io/docs/concepts/workloads/controllers/replicaset";

    /// <summary>k8s.io/api extensions/v1beta1 ReplicaSetStatus.replicas</summary>
    public const string RsStatusReplicas =
        "Replicas is the most recently observed number of non-terminating pods. More info: https://kubernetes.io/docs/concepts/workloads/controllers/replicaset";

    /// <summary>k8s.io/api extensions/v1beta1 ReplicaSetStatus.readyReplicas</summary>
    public const string RsReadyReplicas =
        "The number of non-terminating pods targeted by this ReplicaSet with a Ready Condition.";

    /// <summary>k8s.io/api extensions/v1beta1 ReplicaSetSpec.selector</summary>
    public const string RsSelector =
        "Selector is a label query over pods that should match the replica count. If the selector is empty, it is defaulted to the labels present on the pod template. Label keys and values that must match in order to be controlled by this replica set. More info: https://kubernetes.io/docs/concepts/overview/working-with-objects/labels/#label-selectors";

    /// <summary>k8s.io/api extensions/v1beta1 DaemonSetStatus.desiredNumberScheduled</summary>
    public const string DsDesired =
        "The total number of nodes that should be running the daemon pod (including nodes correctly running the daemon pod). More info: https://kubernetes.io/docs/concepts/workloads/controllers/daemonset/";

    /// <summary>k8s.io/api extensions/v1beta1 DaemonSetStatus.currentNumberScheduled</summary>
    public const string DsCurrent =
        "The number of nodes that are running at least 1 daemon pod and are supposed to run the daemon pod. More info: https://kubernetes.io/docs/concepts/workloads/controllers/daemonset/";

    /// <summary>k8s.io/api extensions/v1beta1 DaemonSetStatus.numberReady</summary>
    public const string DsReady =
        "The number of nodes that should be running the daemon pod and have one or more of the daemon pod running and ready.";

    /// <summary>k8s.io/api extensions/v1beta1 DaemonSetStatus.updatedNumberScheduled</summary>
    public const string DsUpdated =
        "The total number of nodes that are running updated daemon pod";

    /// <summary>k8s.io/api extensions/v1beta1 DaemonSetStatus.numberAvailable</summary>
    public const string DsAvailable =
        "The number of nodes that should be running the daemon pod and have one or more of the daemon pod running and available (ready for at least spec.minReadySeconds)";

    /// <summary>k8s.io/api extensions/v1beta1 DaemonSetSpec.selector</summary>
    public const string DsSelector =
        "A label query over pods that are managed by the daemon set. Must match in order to be controlled. If empty, defaulted to labels on Pod template. More info: https://kubernetes.io/docs/concepts/overview/working-with-objects/labels/#label-selectors";

    /// <summary>k8s.io/api extensions/v1beta1 DeploymentStatus.updatedReplicas</summary>
    public const string DeploymentUpdated =
        "Total number of non-terminating pods targeted by this deployment that have the desired template spec.";

    /// <summary>k8s.io/api extensions/v1beta1 DeploymentStatus.availableReplicas</summary>
    public const string DeploymentAvailable =
        "Total number of available non-terminating pods (ready for at least minReadySeconds) targeted by this deployment.";

    /// <summary>k8s.io/api extensions/v1beta1 DeploymentSpec.selector</summary>
    public const string DeploymentSelector =
        "Label selector for pods. Existing ReplicaSets whose pods are selected by this will be the ones affected by this deployment.";

    /// <summary>k8s.io/api apps/v1beta1 ControllerRevision.revision</summary>
    public const string Revision =
        "revision indicates the revision of the state represented by Data.";

    /// <summary>k8s.io/api core/v1 Event.lastTimestamp</summary>
    public const string EventLastTimestamp =
        "The time at which the most recent occurrence of this event was recorded.";

    /// <summary>k8s.io/api core/v1 Event.type</summary>
    public const string EventType =
        "Type of this event (Normal, Warning), new types could be added in the future";

    /// <summary>k8s.io/api core/v1 Event.reason</summary>
    public const string EventReason =
        "This should be a short, machine understandable string that gives the reason for the transition into the object's current status.";

    /// <summary>k8s.io/api core/v1 Event.involvedObject</summary>
    public const string EventInvolvedObject =
        "The object that this event is about.";

    /// <summary>k8s.io/api core/v1 ObjectReference.fieldPath</summary>
    public const string EventFieldPath =
        "If referring to a piece of an object instead of an entire object, this string should contain a valid JSON/Go field access statement, such as desiredState.manifest.containers[2]. For example, if the object reference is to a container within a pod, this would take on a value like: \"spec.containers{name}\" (where \"name\" refers to the name of the container that triggered the event) or if no container name is specified \"spec.containers[2]\" (container with index 2 in this pod). This syntax is chosen only to have some well-defined way of referencing a part of an object.";

    /// <summary>k8s.io/api core/v1 Event.source</summary>
    public const string EventSource =
        "The component reporting this event. Should be a short machine understandable string.";

    /// <summary>k8s.io/api core/v1 Event.message</summary>
    public const string EventMessage =
        "A human-readable description of the status of this operation.";

    /// <summary>k8s.io/api core/v1 Event.firstTimestamp</summary>
    public const string EventFirstTimestamp =
        "The time at which the event was first recorded. (Time of server receipt is in TypeMeta.)";

    /// <summary>k8s.io/api core/v1 Event.count</summary>
    public const string EventCount =
        "The number of times this event has occurred.";

    /// <summary>k8s.io/api core/v1 Secret.type</summary>
    public const string SecretType =
        "Used to facilitate programmatic handling of secret data. More info: https://kubernetes.io/docs/concepts/configuration/secret/#secret-types";

    /// <summary>k8s.io/api core/v1 Secret.data</summary>
    public const string SecretData =
        "Data contains the secret data. Each key must consist of alphanumeric characters, '-', '_' or '.'. The serialized form of the secret data is a base64 encoded string, representing the arbitrary (possibly non-string) data value here. Described in https://tools.ietf.org/html/rfc4648#section-4";

    /// <summary>k8s.io/api core/v1 ServiceAccount.secrets</summary>
    public const string ServiceAccountSecrets =
        "Secrets is a list of the secrets in the same namespace that pods running using this ServiceAccount are allowed to use. Pods are only limited to this list if this service account has a \"kubernetes.io/enforce-mountable-secrets\" annotation set to \"true\". The \"kubernetes.io/enforce-mountable-secrets\" annotation is deprecated since v1.32. Prefer separate namespaces to isolate access to mounted secrets. This field should not be used to find auto-generated service account token secrets for use outside of pods. Instead, tokens can be requested directly using the TokenRequest API, or service account token secrets can be manually created. More info: https://kubernetes.io/docs/concepts/configuration/secret";

    /// <summary>k8s.io/api core/v1 ConfigMap.data</summary>
    public const string ConfigMapData =
        "Data contains the configuration data. Each key must consist of alphanumeric characters, '-', '_' or '.'. Values with non-UTF-8 byte sequences must use the BinaryData field. The keys stored in Data must not overlap with the keys in the BinaryData field, this is enforced during validation process.";

    /// <summary>k8s.io/api core/v1 ServiceSpec.type</summary>
    public const string ServiceType =
        "type determines how the Service is exposed. Defaults to ClusterIP. Valid options are ExternalName, ClusterIP, NodePort, and LoadBalancer. \"ClusterIP\" allocates a cluster-internal IP address for load-balancing to endpoints. Endpoints are determined by the selector or if that is not specified, by manual construction of an Endpoints object or EndpointSlice objects. If clusterIP is \"None\", no virtual IP is allocated and the endpoints are published as a set of endpoints rather than a virtual IP. \"NodePort\" builds on ClusterIP and allocates a port on every node which routes to the same endpoints as the clusterIP. \"LoadBalancer\" builds on NodePort and creates an external load-balancer (if supported in the current cloud) which routes to the same endpoints as the clusterIP. \"ExternalName\" aliases this service to the specified externalName. Several other fields do not apply to ExternalName services. More info: https://kubernetes.io/docs/concepts/services-networking/service/#publishing-services-service-types";

    /// <summary>k8s.io/api core/v1 ServiceSpec.clusterIP</summary>
    public const string ServiceClusterIP =
        "clusterIP is the IP address of the service and is usually assigned randomly. If an address is specified manually, is in-range (as per system configuration), and is not in use, it will be allocated to the service; otherwise creation of the service will fail. This field may not be changed through updates unless the type field is also being changed to ExternalName (which requires this field to be blank) or the type field is being changed from ExternalName (in which case this field may optionally be specified, as describe above).  Valid values are \"None\", empty string (\"\"), or a valid IP address. Setting this to \"None\" makes a \"headless service\" (no virtual IP), which is useful when direct endpoint connections are preferred and proxying is not required.  Only applies to types ClusterIP, NodePort, and LoadBalancer. If this field is specified when creating a Service of type ExternalName, creation will fail. This field will be wiped when updating a Service to type ExternalName. More info: https://kubernetes.io/docs/concepts/services-networking/service/#virtual-ips-and-service-proxies";

    /// <summary>k8s.io/api core/v1 ServiceSpec.externalIPs</summary>
    public const string ServiceExternalIPs =
        "externalIPs is a list of IP addresses for which nodes in the cluster will also accept traffic for this service.  These IPs are not managed by Kubernetes.  The user is responsible for ensuring that traffic arrives at a node with this IP.  A common example is external load-balancers that are not part of the Kubernetes system.";

    /// <summary>k8s.io/api core/v1 ServiceSpec.ports</summary>
    public const string ServicePorts =
        "The list of ports that are exposed by this service. More info: https://kubernetes.io/docs/concepts/services-networking/service/#virtual-ips-and-service-proxies";

    /// <summary>k8s.io/api core/v1 ServiceSpec.selector</summary>
    public const string ServiceSelector =
        "Route service traffic to pods with label keys and values matching this selector. If empty or not present, the service is assumed to have an external process managing its endpoints, which Kubernetes will not modify. Only applies to types ClusterIP, NodePort, and LoadBalancer. Ignored if type is ExternalName. More info: https://kubernetes.io/docs/concepts/services-networking/service/";

    /// <summary>k8s.io/api batch/v1 JobStatus.succeeded</summary>
    public const string JobSucceeded =
        "The number of pods which reached phase Succeeded. The value increases monotonically for a given spec. However, it may decrease in reaction to scale down of elastic indexed jobs.";

    /// <summary>k8s.io/api batch/v1 JobSpec.selector</summary>
    public const string JobSelector =
        "A label query over pods that should match the pod count. Normally, the system sets this field for you. More info: https://kubernetes.io/docs/concepts/overview/working-with-objects/labels/#label-selectors";

    /// <summary>k8s.io/api batch/v1beta1 CronJobSpec.schedule</summary>
    public const string CronJobSchedule =
        "The schedule in Cron format, see https://en.wikipedia.org/wiki/Cron.";

    /// <summary>k8s.io/api batch/v1beta1 CronJobSpec.timeZone</summary>
    public const string CronJobTimeZone =
        "The time zone name for the given schedule, see https://en.wikipedia.org/wiki/List_of_tz_database_time_zones. If not specified, this will default to the time zone of the kube-controller-manager process. The set of valid time zone names and the time zone offset is loaded from the system-wide time zone database by the API server during CronJob validation and the controller manager during execution. If no system-wide time zone database can be found a bundled version of the database is used instead. If the time zone name becomes invalid during the lifetime of a CronJob or due to a change in host configuration, the controller will stop creating new new Jobs and will create a system event with the reason UnknownTimeZone. More information can be found in https://kubernetes.io/docs/concepts/workloads/controllers/cron-jobs/#time-zones";

    /// <summary>k8s.io/api batch/v1beta1 CronJobSpec.suspend</summary>
    public const string CronJobSuspend =
        "This flag tells the controller to suspend subsequent executions, it does not apply to already started executions.  Defaults to false.";

    /// <summary>k8s.io/api batch/v1beta1 CronJobStatus.active</summary>
    public const string CronJobActive =
        "A list of pointers to currently running jobs.";

    /// <summary>k8s.io/api batch/v1beta1 CronJobStatus.lastScheduleTime</summary>
    public const string CronJobLastSchedule =
        "Information when was the last time the job was successfully scheduled.";

    /// <summary>k8s.io/api rbac/v1beta1 RoleBinding.roleRef</summary>
    public const string RoleBindingRoleRef =
        "RoleRef can reference a Role in the current namespace or a ClusterRole in the global namespace. If the RoleRef cannot be resolved, the Authorizer must return an error.";
}
