namespace ImageRoll.ClusterSimulator.Controllers.Kubelet.Docker;

/// <summary>The pod spec names something the node cannot provide (a ConfigMap, Secret or key): CreateContainerConfigError.</summary>
public sealed class ContainerConfigException(string message) : Exception(message);
