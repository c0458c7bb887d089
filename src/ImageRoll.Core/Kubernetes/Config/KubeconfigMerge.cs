namespace ImageRoll.Kubernetes;

/// <summary>
/// kubectl's merge of several kubeconfig files (client-go clientcmd/loader.go, ClientConfigLoadingRules.Load):
/// "The first file to set a particular map key wins and map key's value is never changed", whole entries only (a
/// second file's entry of the same name is dropped, even its non-conflicting fields); current-context comes from the
/// first file that sets it.
/// </summary>
internal static class KubeconfigMerge
{
    public static MergedKubeconfig Merge(IEnumerable<(string File, KubeconfigDocument Doc)> docs)
    {
        var merged = new MergedKubeconfig();
        foreach (var (file, doc) in docs)
        {
            Add(merged.Clusters, doc.Clusters, file, (e, f) => e.SourceFile = f);
            Add(merged.Users, doc.Users, file, (e, f) => e.SourceFile = f);
            Add(merged.Contexts, doc.Contexts, file, (e, f) => e.SourceFile = f);
            if (string.IsNullOrEmpty(merged.CurrentContext) && !string.IsNullOrEmpty(doc.CurrentContext))
            {
                merged.CurrentContext = doc.CurrentContext;
            }
        }

        return merged;
    }

    /// <summary>
    /// Makes the file references of one file absolute against its directory (loader.go ResolvePaths): the CA, the
    /// client certificate and key, tokenFile, and an exec command that contains a path separator (a bare command is
    /// looked up on PATH, as client-go does).
    /// </summary>
    public static void ResolvePaths(KubeconfigDocument doc, string file)
    {
        var dir = Path.GetDirectoryName(Path.GetFullPath(file))!;
        string? Resolve(string? p) => string.IsNullOrEmpty(p) || Path.IsPathRooted(p) ? p : Path.GetFullPath(Path.Combine(dir, p));
        foreach (var c in doc.Clusters ?? [])
        {
            if (c.Value is { } cluster)
            {
                cluster.CertificateAuthority = Resolve(cluster.CertificateAuthority);
            }
        }

        foreach (var u in doc.Users ?? [])
        {
            if (u.Value is { } user)
            {
                user.ClientCertificate = Resolve(user.ClientCertificate);
                user.ClientKey = Resolve(user.ClientKey);
                user.TokenFile = Resolve(user.TokenFile);
                if (user.Exec?.Command is { } command && command.Contains('/', StringComparison.Ordinal))
                {
                    user.Exec.Command = Resolve(command);
                }
            }
        }
    }

    private static void Add<T>(Dictionary<string, T> target, List<NamedEntry<T>>? entries, string file, Action<T, string> setSource)
        where T : class, new()
    {
        foreach (var entry in entries ?? [])
        {
            if (string.IsNullOrEmpty(entry.Name) || target.ContainsKey(entry.Name))
            {
                continue;
            }

            var value = entry.Value ?? new T();
            setSource(value, file);
            target[entry.Name] = value;
        }
    }
}

internal sealed class MergedKubeconfig
{
    public Dictionary<string, ClusterEntry> Clusters { get; } = new(StringComparer.Ordinal);

    public Dictionary<string, UserEntry> Users { get; } = new(StringComparer.Ordinal);

    public Dictionary<string, ContextEntry> Contexts { get; } = new(StringComparer.Ordinal);

    public string? CurrentContext { get; set; }

    public bool IsEmpty => Clusters.Count == 0 && Users.Count == 0 && Contexts.Count == 0 && string.IsNullOrEmpty(CurrentContext);
}
