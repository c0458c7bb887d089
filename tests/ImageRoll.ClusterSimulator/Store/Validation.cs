using System.Text.RegularExpressions;

namespace ImageRoll.ClusterSimulator.Store;

/// <summary>Name validation with the real server's messages (k8s.io/apimachinery pkg/util/validation).</summary>
internal static partial class Validation
{
    public static void ValidateName(ResourceType type, string name)
    {
        if (name.Length == 0)
        {
            throw ApiException.Invalid(type, name, "metadata.name", "Required value: name or generateName is required");
        }

        if (type.Virtual)
        {
            return;
        }

        // RBAC objects only need a path segment (pkg/apis/rbac/validation ValidateRBACName = path.IsValidPathSegmentName):
        // system:basic-user is a valid ClusterRole name.
        if (type.Group == "rbac.authorization.k8s.io")
        {
            var problem = name is "." or ".." ? $"may not be '{name}'" : name.Contains('/') ? "may not contain '/'" : name.Contains('%') ? "may not contain '%'" : null;
            if (problem is not null)
            {
                throw ApiException.Invalid(type, name, "metadata.name", $"Invalid value: \"{name}\": {problem}");
            }

            return;
        }

        if (name.Length > 253 || !Subdomain().IsMatch(name))
        {
            throw ApiException.Invalid(type, name, "metadata.name",
                $"Invalid value: \"{name}\": a lowercase RFC 1123 subdomain must consist of lower case alphanumeric characters, '-' or '.', and must start and end with an alphanumeric character (e.g. 'example.com', regex used for validation is '[a-z0-9]([-a-z0-9]*[a-z0-9])?(\\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*')");
        }
    }

    [GeneratedRegex(@"^[a-z0-9]([-a-z0-9]*[a-z0-9])?(\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*$")]
    private static partial Regex Subdomain();
}
