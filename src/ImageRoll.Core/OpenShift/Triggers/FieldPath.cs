namespace ImageRoll.OpenShift.Triggers;

/// <summary>
/// Parses a trigger fieldPath for a kind the way the controller does (library-go annotations.go
/// UpdateObjectFromImages/parseContainerReference/findContainerBySelector), returning either the container selector or
/// the problem: a path outside the kind's pod spec is skipped silently by the controller; a malformed selector or a
/// path not ending in <c>.image</c> makes its update fail.
/// </summary>
public static class FieldPath
{
    private const string NamePrefix = "?(@.name==\"";
    private const string NameSuffix = "\")";

    public static ContainerSelector? Parse(string kind, ObjectFieldTrigger trigger, out TriggerProblem? problem)
    {
        problem = null;
        var fieldPath = trigger.FieldPath;
        var i = trigger.Index;
        if (fieldPath.Length == 0)
        {
            problem = new TriggerProblem(TriggerCodes.FieldPathMissing,
                $"Trigger #{i} has no fieldPath, so the controller never applies it.",
                $"Set \"fieldPath\" to {Example(kind)}.", i);
            return null;
        }

        var specPath = PodSpecPaths.For(kind) ?? "spec.template.spec";
        var basePath = specPath + ".";
        if (!fieldPath.StartsWith(basePath, StringComparison.Ordinal))
        {
            var other = PodSpecPaths.MatchOther(fieldPath);
            var what = other is { } o && o.Path != specPath
                ? $"is the pod-spec path of a {string.Join("/", o.Kinds)} ('{o.Path}')"
                : "does not start with this kind's pod-spec path";
            problem = new TriggerProblem(TriggerCodes.FieldPathOtherKind,
                $"Trigger #{i}'s fieldPath '{fieldPath}' {what}; on a {kind} it must start with '{basePath}', so the controller skips it silently.",
                $"Use {Example(kind)}.", i);
            return null;
        }

        var rest = fieldPath[basePath.Length..];
        bool init;
        if (rest.StartsWith("containers[", StringComparison.Ordinal))
        {
            init = false;
            rest = rest["containers[".Length..];
        }
        else if (rest.StartsWith("initContainers[", StringComparison.Ordinal))
        {
            init = true;
            rest = rest["initContainers[".Length..];
        }
        else
        {
            problem = Malformed(kind, trigger, $"continues with '{rest}' instead of containers[...] or initContainers[...]");
            return null;
        }

        var end = rest.IndexOf(']', StringComparison.Ordinal);
        if (end < 0)
        {
            problem = Malformed(kind, trigger, "has no closing ']'");
            return null;
        }

        var selector = rest[..end];
        var remainder = rest[(end + 1)..];
        if (remainder.StartsWith('.'))
        {
            remainder = remainder[1..];
        }

        if (remainder != "image")
        {
            problem = Malformed(kind, trigger, remainder.Length == 0 ? "does not end with '.image'" : $"ends with '{remainder}' instead of 'image'");
            return null;
        }

        if (int.TryParse(selector, System.Globalization.NumberStyles.AllowLeadingSign, System.Globalization.CultureInfo.InvariantCulture, out var index))
        {
            return new ContainerSelector(init, index, null);
        }

        if (selector.StartsWith(NamePrefix, StringComparison.Ordinal) && selector.EndsWith(NameSuffix, StringComparison.Ordinal)
            && selector.Length >= NamePrefix.Length + NameSuffix.Length)
        {
            return new ContainerSelector(init, null, selector[NamePrefix.Length..^NameSuffix.Length]);
        }

        var list = init ? "initContainers" : "containers";
        var guessedName = GuessName(selector);
        var fixedPath = $"{basePath}{list}[?(@.name==\"{guessedName ?? "NAME"}\")].image";
        if (selector.Contains('\'', StringComparison.Ordinal))
        {
            problem = new TriggerProblem(TriggerCodes.SelectorSingleQuotes,
                $"Trigger #{i}'s fieldPath selector '[{selector}]' uses single quotes; the controller only understands ?(@.name==\"NAME\") with double quotes, so its update fails and the image is never set.",
                $"Write \"fieldPath\":\"{fixedPath.Replace("\"", "\\\"", StringComparison.Ordinal)}\" (inside the JSON string the quotes are escaped as \\\").", i);
        }
        else if (selector.Any(char.IsWhiteSpace))
        {
            problem = new TriggerProblem(TriggerCodes.SelectorSpaces,
                $"Trigger #{i}'s fieldPath selector '[{selector}]' contains spaces; the controller matches ?(@.name==\"NAME\") character for character, so its update fails and the image is never set.",
                $"Remove the spaces: {fixedPath}.", i);
        }
        else
        {
            problem = Malformed(kind, trigger, $"has the selector '[{selector}]', which is neither an index nor ?(@.name==\"NAME\")");
        }

        return null;
    }

    public static string Example(string kind) => $"{PodSpecPaths.For(kind) ?? "spec.template.spec"}.containers[?(@.name==\"NAME\")].image";

    private static TriggerProblem Malformed(string kind, ObjectFieldTrigger trigger, string what) =>
        new(TriggerCodes.FieldPathMalformed,
            $"Trigger #{trigger.Index}'s fieldPath '{trigger.FieldPath}' {what}, so the controller's update fails and the image is never set.",
            $"Use {Example(kind)} or an index: containers[0].image.", trigger.Index);

    private static string? GuessName(string selector)
    {
        var eq = selector.IndexOf('=', StringComparison.Ordinal);
        if (eq < 0)
        {
            return null;
        }

        var name = selector[(eq + 1)..].TrimStart('=').Trim().TrimEnd(')').Trim().Trim('\'', '"');
        return name.Length > 0 ? name : null;
    }
}
