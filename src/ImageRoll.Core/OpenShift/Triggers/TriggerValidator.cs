namespace ImageRoll.OpenShift.Triggers;

/// <summary>
/// Checks decoded triggers against the workload they sit on: the fieldPath must be this kind's pod-spec path and
/// name an existing container, and <c>from.name</c> must be <c>STREAM:TAG</c>. Where the controller
/// stays silent (skips, or fails the update in its logs only), this returns an IR33xx problem.
/// </summary>
public static class TriggerValidator
{
    public static IReadOnlyList<TriggerProblem> Validate(WorkloadTemplate workload, ObjectFieldTrigger trigger, out ContainerSelector? selector)
    {
        var problems = new List<TriggerProblem>();
        var i = trigger.Index;
        // Another from.kind is no problem by itself: the controller applies the trigger whenever the object changes,
        // only not on tag moves (ObjectFieldTrigger.FollowsTagMoves); wait mode refuses it (TriggerRunner.CheckUsable).
        if (trigger.FromName.Length == 0)
        {
            problems.Add(new TriggerProblem(TriggerCodes.FromNameWithoutTag,
                $"Trigger #{i} has no from.name, so the controller never resolves it.",
                "Set \"from\":{\"kind\":\"ImageStreamTag\",\"name\":\"STREAM:TAG\"}.", i));
        }
        else if (trigger.StreamTag() is null)
        {
            problems.Add(new TriggerProblem(TriggerCodes.FromNameWithoutTag,
                $"Trigger #{i} has from.name '{trigger.FromName}' without ':TAG'; the controller's tag lookup needs STREAM:TAG and never resolves it.",
                $"Write \"name\":\"{trigger.FromName}:latest\" (or the tag you push to).", i));
        }

        selector = FieldPath.Parse(workload.Kind, trigger, out var pathProblem);
        if (pathProblem is not null)
        {
            problems.Add(pathProblem);
        }
        else if (selector is not null && workload.Resolve(selector) is { } resolved)
        {
            // A name selector finds an init container too, whichever list the path names (GetContainerByName).
            selector = resolved;
        }
        else if (selector is not null)
        {
            var names = selector.Index is null ? workload.ContainerNames(true).Concat(workload.ContainerNames(false)).ToList() : workload.ContainerNames(selector.Init);
            var what = selector.Index is null ? "containers or initContainers" : selector.ListName;
            var list = names.Count == 0 ? $"it has no {what}" : $"its {what} are {string.Join(", ", names.Select(n => $"'{n}'"))}";
            problems.Add(selector.Index is { } index
                ? new TriggerProblem(TriggerCodes.IndexOutOfRange,
                    $"Trigger #{i}'s fieldPath '{trigger.FieldPath}' names {selector.ListName}[{index}], but the {workload.Kind} {workload.Name} has {names.Count} ({list}); the controller's update fails.",
                    $"Use an index below {names.Count}, or select by name: {selector.ListName}[?(@.name=\"NAME\")].".Replace("@.name=\"", "@.name==\"", StringComparison.Ordinal), i)
                : new TriggerProblem(TriggerCodes.NoSuchContainer,
                    $"Trigger #{i}'s fieldPath names the container '{selector.Name}', but the {workload.Kind} {workload.Name}'s pod template has none by that name ({list}); the controller's update fails.",
                    "Name an existing container in the fieldPath, or rename the container.", i));
            selector = null;
        }

        return problems;
    }
}
