namespace ImageRoll.Kubernetes;

/// <summary>
/// Kubernetes name rules checked here before any request, so a bad name is exit 2 with the rule, not a 404, a 414 or
/// 500 KB of server error. Namespaces are DNS-1123 labels (k8s.io/apimachinery pkg/util/validation IsDNS1123Label,
/// applied by ValidateNamespaceName in pkg/api/validation/generic.go).
/// </summary>
public static class KubeNames
{
    /// <summary>At most 63 lower-case letters, digits and '-', starting and ending with a letter or digit.</summary>
    public static bool IsNamespace(string? name) =>
        name is { Length: > 0 and <= 63 }
        && IsAlphanumeric(name[0]) && IsAlphanumeric(name[^1])
        && name.All(c => IsAlphanumeric(c) || c == '-');

    /// <summary>Throws IR2013 (exit 2) naming the value, where it came from (<paramref name="source"/>) and the rule.</summary>
    public static void ValidateNamespace(string name, string source)
    {
        ArgumentNullException.ThrowIfNull(name);
        if (IsNamespace(name))
        {
            return;
        }

        var why = name.Length == 0 ? "it is empty"
            : name.Length > 63 ? $"it is {name.Length} characters long, and a namespace has at most 63"
            : name.FirstOrDefault(c => !(IsAlphanumeric(c) || c == '-')) is var bad and not '\0' ? $"'{Printable(bad.ToString())}' is not allowed (only lower-case letters, digits and '-')"
            : "it must start and end with a lower-case letter or a digit";
        throw new ImageRollException(CommandErrors.BadNamespace, FailureKind.BadInput,
            $"Namespace '{Shown(name)}' ({source}) is not a valid namespace name: {why}.",
            "A namespace name is a DNS-1123 label: at most 63 lower-case letters, digits and '-', starting and ending with a letter or digit, e.g. team-web.");
    }

    /// <summary>A value as a message shows it: control characters replaced, at most about 60 characters.</summary>
    public static string Shown(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        var printable = Printable(text.Length <= 64 ? text : text[..60]);
        return text.Length <= 64 ? printable : $"{printable}... ({text.Length} characters)";
    }

    private static string Printable(string text) => string.Concat(text.Select(c => char.IsControl(c) ? '?' : c));

    private static bool IsAlphanumeric(char c) => char.IsAsciiLetterLower(c) || char.IsAsciiDigit(c);
}
