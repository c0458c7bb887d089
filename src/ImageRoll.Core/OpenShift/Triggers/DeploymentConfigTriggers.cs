using ImageRoll.Kubernetes;
using ImageRoll.OpenShift.Models;

namespace ImageRoll.OpenShift.Triggers;

/// <summary>
/// A DeploymentConfig's ImageChange triggers for a stream tag, validated like the DC trigger reactor reads them
/// (openshift-controller-manager pkg/image/trigger/deploymentconfigs/deploymentconfigs.go
/// UpdateDeploymentConfigImages: only <c>from.kind == ImageStreamTag</c> and <c>automatic: true</c> act; the named
/// containers and initContainers get the image, <c>lastTriggeredImage</c> records it).
/// </summary>
public static class DeploymentConfigTriggers
{
    /// <param name="ns">The DC's namespace (the default of <c>from.namespace</c>).</param>
    /// <param name="streamNamespace">The namespace of the stream being rolled out.</param>
    public static WorkloadTriggers Inspect(WorkloadRef workload, DeploymentConfig dc, WorkloadTemplate template, string ns, string streamNamespace, string stream, string tag)
    {
        var problems = new List<TriggerProblem>();
        var matches = new List<TriggerMatch>();
        for (var i = 0; i < dc.Spec.Triggers.Count; i++)
        {
            var p = dc.Spec.Triggers[i].ImageChangeParams;
            if (dc.Spec.Triggers[i].Type != DeploymentTriggerPolicy.ImageChange || p?.From is null)
            {
                continue;
            }

            var name = p.From.Name ?? string.Empty;
            var colon = name.IndexOf(':', StringComparison.Ordinal);
            var fromNs = string.IsNullOrEmpty(p.From.Namespace) ? ns : p.From.Namespace;
            var fromStream = colon < 0 ? name : name[..colon];
            if (fromStream != stream || fromNs != streamNamespace)
            {
                continue;
            }

            if (colon < 0)
            {
                problems.Add(new TriggerProblem(DeploymentConfigTriggerCodes.FromNameWithoutTag,
                    $"ImageChange trigger #{i} has from.name '{name}' without ':TAG'; the reactor never resolves it.",
                    $"Write from.name '{name}:{tag}'.", i));
                continue;
            }

            var fromTag = name[(colon + 1)..];
            if ((fromTag.Length == 0 ? "latest" : fromTag) != tag)
            {
                continue;
            }

            if (p.From.Kind != ObjectFieldTrigger.ImageStreamTagKind)
            {
                problems.Add(new TriggerProblem(DeploymentConfigTriggerCodes.FromKindNotImageStreamTag,
                    $"ImageChange trigger #{i} has from.kind '{p.From.Kind}'; the DC trigger reactor acts only on ImageStreamTag.",
                    "Set imageChangeParams.from.kind to ImageStreamTag (oc set triggers dc/NAME --from-image=STREAM:TAG -c CONTAINER writes it).", i));
                continue;
            }

            if (p.ContainerNames.Count == 0)
            {
                problems.Add(new TriggerProblem(DeploymentConfigTriggerCodes.NoContainerNames,
                    $"ImageChange trigger #{i} for {name} names no containers, so it changes no image.",
                    "List the containers in imageChangeParams.containerNames.", i));
                continue;
            }

            foreach (var container in p.ContainerNames)
            {
                // containerNames match init containers and containers alike.
                if (template.Resolve(new ContainerSelector(false, null, container)) is not { } selector)
                {
                    problems.Add(new TriggerProblem(DeploymentConfigTriggerCodes.NoSuchContainer,
                        $"ImageChange trigger #{i} names the container '{container}', but the DeploymentConfig {workload.Name}'s template has only {string.Join(", ", template.ContainerNames(true).Concat(template.ContainerNames(false)).Select(c => $"'{c}'"))}.",
                        "Fix imageChangeParams.containerNames to name existing containers.", i));
                    continue;
                }

                matches.Add(new TriggerMatch(selector, container, p.Automatic != true, i, $"ImageChange trigger #{i} ({name}, automatic: {(p.Automatic == true ? "true" : "false")})"));
            }
        }

        return new WorkloadTriggers(workload, template, matches, problems, dc.Spec.Paused == true);
    }
}
