using YamlDotNet.Core;

namespace ImageRoll.Kubernetes;

/// <summary>
/// Resolves a connection the way kubectl does (staging/src/k8s.io/client-go/tools/clientcmd/loader.go and
/// client_config.go): <c>--kubeconfig</c> alone when given (it must exist); otherwise every file in
/// <c>$KUBECONFIG</c> merged, missing ones ignored, the first file to define a cluster/user/context name winning
/// and the first non-empty current-context winning; otherwise <c>~/.kube/config</c>; and when none of these exists
/// and <c>KUBERNETES_SERVICE_HOST</c> is set, the in-cluster service account. Relative paths in a file are resolved
/// against that file's directory. Every failure is an IR30xx BadInput naming the file and field.
/// </summary>
public static class KubeconfigLoader
{
    /// <summary>Resolves the connection for <paramref name="options"/>.</summary>
    /// <param name="env">The environment (KUBECONFIG, HOME, KUBERNETES_SERVICE_HOST/PORT, POD_NAMESPACE).</param>
    /// <param name="serviceAccountDirectory">The in-cluster secrets directory; tests point it at a temp dir.</param>
    public static KubeClusterConfig Load(KubeConnectionOptions options, Func<string, string?> env, string? serviceAccountDirectory = null)
    {
        var files = KubeconfigFiles(options, env);
        var docs = files.Select(f => (File: f, Doc: Parse(f))).ToList();
        var merged = KubeconfigMerge.Merge(docs);
        if (merged.IsEmpty && InClusterConfig.IsAvailable(env))
        {
            var inCluster = InClusterConfig.Load(options, env, serviceAccountDirectory);
            KubeNames.ValidateNamespace(inCluster.Namespace, !string.IsNullOrEmpty(options.Namespace) ? "-n/--namespace" : "the pod's service account namespace");
            return inCluster;
        }

        if (files.Count == 0)
        {
            throw new ImageRollException(KubeconfigErrors.NoKubeconfig, FailureKind.BadInput,
                $"No kubeconfig found: --kubeconfig was not given, $KUBECONFIG is {(string.IsNullOrEmpty(env("KUBECONFIG")) ? "not set" : $"'{env("KUBECONFIG")}' (no such files)")}, {DefaultPath(env)} does not exist, and this is not a pod (KUBERNETES_SERVICE_HOST is not set).",
                "Log in (oc login / kubectl config), or pass --kubeconfig FILE.");
        }

        var source = string.Join(", ", files);
        var contextName = options.Context ?? merged.CurrentContext;
        if (string.IsNullOrEmpty(contextName))
        {
            throw new ImageRollException(KubeconfigErrors.NoCurrentContext, FailureKind.BadInput,
                $"current-context is not set in {source} and --context was not given.",
                $"Pass --context NAME{Known(merged.Contexts.Keys)} or run kubectl config use-context NAME.");
        }

        if (!merged.Contexts.TryGetValue(contextName, out var context))
        {
            throw new ImageRollException(KubeconfigErrors.NoSuchContext, FailureKind.BadInput,
                $"The context '{contextName}'{(options.Context is null ? " (current-context)" : " (--context)")} is not defined in {source}.",
                $"Use one of the contexts defined there{Known(merged.Contexts.Keys)}.");
        }

        if (string.IsNullOrEmpty(context.Cluster) || !merged.Clusters.TryGetValue(context.Cluster, out var cluster))
        {
            throw new ImageRollException(KubeconfigErrors.NoSuchCluster, FailureKind.BadInput,
                $"contexts[{contextName}].cluster in {context.SourceFile} names the cluster '{context.Cluster}', which is not defined in {source}.",
                $"Set it to a defined cluster{Known(merged.Clusters.Keys)}.");
        }

        UserEntry? user = null;
        if (!string.IsNullOrEmpty(context.User) && !merged.Users.TryGetValue(context.User, out user))
        {
            throw new ImageRollException(KubeconfigErrors.NoSuchUser, FailureKind.BadInput,
                $"contexts[{contextName}].user in {context.SourceFile} names the user '{context.User}', which is not defined in {source}.",
                $"Set it to a defined user{Known(merged.Users.Keys)}.");
        }

        var server = ParseServer(cluster, context.Cluster);
        var tls = ClusterTls(cluster, context.Cluster);
        var (credentials, clientCertificate) = user is null
            ? (StaticCredentials.Anonymous, null)
            : KubeCredentialsBuilder.Build(user, context.User!, new ExecClusterInfo(server, cluster, tls.CaCertificates is null ? null : ClusterCaBytes(cluster, context.Cluster)));
        var ns = !string.IsNullOrEmpty(options.Namespace) ? options.Namespace : !string.IsNullOrEmpty(context.Namespace) ? context.Namespace : "default";
        KubeNames.ValidateNamespace(ns, !string.IsNullOrEmpty(options.Namespace) ? "-n/--namespace" : $"the namespace of context '{contextName}' in {context.SourceFile}");
        return new KubeClusterConfig(server, contextName, ns, source, tls with { ClientCertificate = clientCertificate }, credentials, context.User);
    }

    /// <summary>The files kubectl would read, in precedence order (existing ones only, except an explicit path).</summary>
    public static IReadOnlyList<string> KubeconfigFiles(KubeConnectionOptions options, Func<string, string?> env)
    {
        if (!string.IsNullOrEmpty(options.KubeconfigPath))
        {
            var explicitPath = Path.GetFullPath(options.KubeconfigPath);
            if (Directory.Exists(explicitPath))
            {
                throw new ImageRollException(KubeconfigErrors.KubeconfigNotAFile, FailureKind.BadInput,
                    $"The kubeconfig '{explicitPath}' (--kubeconfig) is a directory, not a kubeconfig file.",
                    $"Name the file inside it (for example --kubeconfig {Path.Combine(explicitPath, "config")}), or leave --kubeconfig out to use $KUBECONFIG or ~/.kube/config.");
            }

            if (!File.Exists(explicitPath))
            {
                throw new ImageRollException(KubeconfigErrors.KubeconfigNotAFile, FailureKind.BadInput,
                    $"The kubeconfig file '{explicitPath}' (--kubeconfig) does not exist.",
                    "Fix the path, or leave --kubeconfig out to use $KUBECONFIG or ~/.kube/config.");
            }

            return [explicitPath];
        }

        var list = env("KUBECONFIG");
        if (!string.IsNullOrEmpty(list))
        {
            return list.Split(Path.PathSeparator, StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)
                .Select(Path.GetFullPath)
                .Distinct(StringComparer.Ordinal)
                .Where(File.Exists)
                .ToList();
        }

        var home = DefaultPath(env);
        return File.Exists(home) ? [home] : [];
    }

    internal static KubeconfigDocument Parse(string file)
    {
        string text;
        try
        {
            text = File.ReadAllText(file);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            throw new ImageRollException(KubeconfigErrors.KubeconfigUnreadable, FailureKind.BadInput, $"The kubeconfig file '{file}' cannot be read: {ex.Message}",
                "Make it readable by the user running ImageRoll.", ex);
        }

        KubeconfigDocument? doc;
        try
        {
            doc = KubeconfigReader.Read(text);
        }
        catch (YamlException ex)
        {
            var inner = ex.InnerException?.Message ?? ex.Message;

            // YamlDotNet names the .NET type it was filling ("...into type ImageRoll.Kubernetes..."): say what was expected instead.
            if (inner.Contains("into type", StringComparison.Ordinal) || inner.Contains("Exception", StringComparison.Ordinal))
            {
                inner = "found a value of the wrong shape where kubeconfig expects a mapping (apiVersion, clusters, contexts, users, current-context) or a list of named entries";
            }

            throw new ImageRollException(KubeconfigErrors.KubeconfigNotYaml, FailureKind.BadInput,
                $"The kubeconfig file '{file}' is not valid kubeconfig YAML (line {ex.Start.Line}, column {ex.Start.Column}): {KubeErrors.OneLine(inner)}",
                "Fix the YAML at that position (kubectl config view shows what kubectl makes of it).", ex);
        }

        doc ??= new KubeconfigDocument();
        KubeconfigMerge.ResolvePaths(doc, file);
        return doc;
    }

    private static string DefaultPath(Func<string, string?> env)
    {
        var home = env("HOME");
        if (string.IsNullOrEmpty(home))
        {
            home = Environment.GetFolderPath(Environment.SpecialFolder.UserProfile);
        }

        return Path.Combine(home, ".kube", "config");
    }

    private static string Known(IEnumerable<string> names)
    {
        var list = names.OrderBy(n => n, StringComparer.Ordinal).ToList();
        return list.Count == 0 ? " (none are defined)" : $" (known: {string.Join(", ", list)})";
    }

    private static Uri ParseServer(ClusterEntry cluster, string name)
    {
        if (string.IsNullOrWhiteSpace(cluster.Server))
        {
            throw new ImageRollException(KubeconfigErrors.BadServer, FailureKind.BadInput,
                $"clusters[{name}].server in {cluster.SourceFile} is not set.",
                "Set server to the API server URL, e.g. https://api.cluster.example.com:6443.");
        }

        if (!Uri.TryCreate(cluster.Server.Trim(), UriKind.Absolute, out var uri) || (uri.Scheme != Uri.UriSchemeHttps && uri.Scheme != Uri.UriSchemeHttp))
        {
            throw new ImageRollException(KubeconfigErrors.BadServer, FailureKind.BadInput,
                $"clusters[{name}].server in {cluster.SourceFile} is '{cluster.Server}', not an http(s) URL.",
                "Set server to the API server URL, e.g. https://api.cluster.example.com:6443.");
        }

        // A server URL with a path (a proxy prefix, e.g. Rancher's /k8s/clusters/X) is a base every API path goes under.
        return uri.AbsolutePath.EndsWith('/') ? uri : new Uri(uri.AbsoluteUri + "/");
    }

    private static byte[]? ClusterCaBytes(ClusterEntry cluster, string name) =>
        KubePem.Read(cluster.CertificateAuthorityData, $"clusters[{name}].certificate-authority-data",
            cluster.CertificateAuthority, $"clusters[{name}].certificate-authority", cluster.SourceFile);

    private static KubeTlsSettings ClusterTls(ClusterEntry cluster, string name)
    {
        if (cluster.InsecureSkipTlsVerify)
        {
            // client-go refuses a CA together with insecure-skip-tls-verify ("specifying a root certificates file with
            // the insecure flag is not allowed"); ImageRoll ignores the CA instead, so an old kubeconfig still works.
            return new KubeTlsSettings(InsecureSkipTlsVerify: true, TlsServerName: cluster.TlsServerName);
        }

        var ca = ClusterCaBytes(cluster, name);
        var certificates = ca is null ? null : KubePem.Certificates(ca,
            string.IsNullOrEmpty(cluster.CertificateAuthorityData) ? $"clusters[{name}].certificate-authority" : $"clusters[{name}].certificate-authority-data",
            cluster.SourceFile);
        return new KubeTlsSettings(certificates, false, string.IsNullOrEmpty(cluster.TlsServerName) ? null : cluster.TlsServerName);
    }
}
