using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.Json.Serialization;
using ImageRoll.Kubernetes.Models;
using ImageRoll.OpenShift.Models;

namespace ImageRoll.Kubernetes;

/// <summary>
/// The source-generated metadata behind <see cref="KubeJson.Options"/>: every object ImageRoll reads from or writes to
/// the API server, and the list of each (the types they reference come with them). No reflection at run time, so the
/// CLI starts without emitting serializer code and runs as a native AOT binary. A new <see cref="KubeObject"/> type
/// goes here with its list (KubeJsonContextTests checks that every one is).
/// </summary>
[JsonSerializable(typeof(KubeObject))]
[JsonSerializable(typeof(KubeList<KubeObject>))]
[JsonSerializable(typeof(ControllerRevision))]
[JsonSerializable(typeof(KubeList<ControllerRevision>))]
[JsonSerializable(typeof(CronJob))]
[JsonSerializable(typeof(KubeList<CronJob>))]
[JsonSerializable(typeof(DaemonSet))]
[JsonSerializable(typeof(KubeList<DaemonSet>))]
[JsonSerializable(typeof(Deployment))]
[JsonSerializable(typeof(KubeList<Deployment>))]
[JsonSerializable(typeof(DeploymentConfig))]
[JsonSerializable(typeof(KubeList<DeploymentConfig>))]
[JsonSerializable(typeof(ImageStream))]
[JsonSerializable(typeof(KubeList<ImageStream>))]
[JsonSerializable(typeof(ImageStreamImport))]
[JsonSerializable(typeof(KubeList<ImageStreamImport>))]
[JsonSerializable(typeof(ImageStreamTag))]
[JsonSerializable(typeof(KubeList<ImageStreamTag>))]
[JsonSerializable(typeof(KubeEvent))]
[JsonSerializable(typeof(KubeList<KubeEvent>))]
[JsonSerializable(typeof(KubeStatus))]
[JsonSerializable(typeof(KubeList<KubeStatus>))]
[JsonSerializable(typeof(Pod))]
[JsonSerializable(typeof(KubeList<Pod>))]
[JsonSerializable(typeof(ReplicaSet))]
[JsonSerializable(typeof(KubeList<ReplicaSet>))]
[JsonSerializable(typeof(ReplicationController))]
[JsonSerializable(typeof(KubeList<ReplicationController>))]
[JsonSerializable(typeof(SelfSubjectAccessReview))]
[JsonSerializable(typeof(KubeList<SelfSubjectAccessReview>))]
[JsonSerializable(typeof(StatefulSet))]
[JsonSerializable(typeof(KubeList<StatefulSet>))]
[JsonSerializable(typeof(PodTemplateSpec))]
[JsonSerializable(typeof(DeploymentRequest))]
[JsonSerializable(typeof(JsonElement))]
[JsonSerializable(typeof(JsonNode))]
[JsonSerializable(typeof(JsonObject))]
internal sealed partial class KubeJsonContext : JsonSerializerContext;
