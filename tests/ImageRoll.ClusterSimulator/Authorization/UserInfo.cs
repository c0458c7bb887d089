namespace ImageRoll.ClusterSimulator.Authorization;

/// <summary>
/// An authenticated user as the authorizer sees it (k8s.io/apiserver pkg/authentication/user.Info): the name and the
/// groups. A service account's token authenticates as <c>system:serviceaccount:NS:NAME</c> in the groups
/// <c>system:serviceaccounts</c>, <c>system:serviceaccounts:NS</c> and <c>system:authenticated</c>
/// (pkg/authentication/serviceaccount/util.go <c>MakeGroupNames</c>); any other user is in <c>system:authenticated</c>.
/// </summary>
public sealed record UserInfo(string Name, IReadOnlyList<string> Groups)
{
    public const string ServiceAccountPrefix = "system:serviceaccount:";

    public static UserInfo For(string name)
    {
        if (ServiceAccount(name) is { } sa)
        {
            return new UserInfo(name, ["system:serviceaccounts", $"system:serviceaccounts:{sa.Namespace}", "system:authenticated"]);
        }

        return new UserInfo(name, name == Http.Authenticator.AdminUser ? ["system:masters", "system:authenticated"] : ["system:authenticated"]);
    }

    public static string ServiceAccountUser(string ns, string name) => $"{ServiceAccountPrefix}{ns}:{name}";

    /// <summary>The namespace and name of a service account user name, or null.</summary>
    public static (string Namespace, string Name)? ServiceAccount(string user)
    {
        if (!user.StartsWith(ServiceAccountPrefix, StringComparison.Ordinal))
        {
            return null;
        }

        var parts = user[ServiceAccountPrefix.Length..].Split(':');
        return parts.Length == 2 && parts[0].Length > 0 && parts[1].Length > 0 ? (parts[0], parts[1]) : null;
    }
}
