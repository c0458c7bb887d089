using System.Globalization;
using YamlDotNet.Core;
using YamlDotNet.RepresentationModel;

namespace ImageRoll.Kubernetes;

/// <summary>
/// Reads a kubeconfig file into a <see cref="KubeconfigDocument"/> by walking YamlDotNet's node tree: its parser, not
/// its reflection-based deserializer, so no serializer code is built at run time (the CLI's start-up, native AOT).
/// Keys as client-go spells them (staging/src/k8s.io/client-go/tools/clientcmd/api/v1/types.go); unknown keys are
/// ignored; a plain <c>null</c>, <c>~</c> or empty value is absent; a known key holding the wrong kind of node is a
/// <see cref="YamlException"/> at that node, as the deserializer reported it.
/// </summary>
internal static class KubeconfigReader
{
    public static KubeconfigDocument? Read(string text)
    {
        var stream = new YamlStream();
        stream.Load(new StringReader(text));
        if (stream.Documents.Count == 0 || IsNull(stream.Documents[0].RootNode))
        {
            return null;
        }

        var doc = new KubeconfigDocument();
        foreach (var (key, value) in Mapping(stream.Documents[0].RootNode))
        {
            switch (key)
            {
                case "clusters": doc.Clusters = Named(value, "cluster", Cluster); break;
                case "users": doc.Users = Named(value, "user", User); break;
                case "contexts": doc.Contexts = Named(value, "context", Context); break;
                case "current-context": doc.CurrentContext = String(value); break;
            }
        }

        return doc;
    }

    private static ClusterEntry Cluster(YamlNode node)
    {
        var cluster = new ClusterEntry();
        foreach (var (key, value) in Mapping(node))
        {
            switch (key)
            {
                case "server": cluster.Server = String(value); break;
                case "certificate-authority": cluster.CertificateAuthority = String(value); break;
                case "certificate-authority-data": cluster.CertificateAuthorityData = String(value); break;
                case "insecure-skip-tls-verify": cluster.InsecureSkipTlsVerify = Boolean(value); break;
                case "tls-server-name": cluster.TlsServerName = String(value); break;
                case "proxy-url": cluster.ProxyUrl = String(value); break;
            }
        }

        return cluster;
    }

    private static UserEntry User(YamlNode node)
    {
        var user = new UserEntry();
        foreach (var (key, value) in Mapping(node))
        {
            switch (key)
            {
                case "token": user.Token = String(value); break;
                case "tokenFile": user.TokenFile = String(value); break;
                case "client-certificate": user.ClientCertificate = String(value); break;
                case "client-certificate-data": user.ClientCertificateData = String(value); break;
                case "client-key": user.ClientKey = String(value); break;
                case "client-key-data": user.ClientKeyData = String(value); break;
                case "username": user.Username = String(value); break;
                case "password": user.Password = String(value); break;
                case "exec": user.Exec = IsNull(value) ? null : Exec(value); break;
                case "auth-provider": user.AuthProvider = IsNull(value) ? null : AuthProvider(value); break;
            }
        }

        return user;
    }

    private static ExecConfig Exec(YamlNode node)
    {
        var exec = new ExecConfig();
        foreach (var (key, value) in Mapping(node))
        {
            switch (key)
            {
                case "command": exec.Command = String(value); break;
                case "args": exec.Args = List(value, v => String(v) ?? string.Empty); break;
                case "env": exec.Env = List(value, EnvVar); break;
                case "apiVersion": exec.ApiVersion = String(value); break;
                case "installHint": exec.InstallHint = String(value); break;
                case "provideClusterInfo": exec.ProvideClusterInfo = Boolean(value); break;
                case "interactiveMode": exec.InteractiveMode = String(value); break;
            }
        }

        return exec;
    }

    private static ExecEnvVar EnvVar(YamlNode node)
    {
        var env = new ExecEnvVar();
        foreach (var (key, value) in Mapping(node))
        {
            switch (key)
            {
                case "name": env.Name = String(value); break;
                case "value": env.Value = String(value); break;
            }
        }

        return env;
    }

    private static AuthProviderConfig AuthProvider(YamlNode node)
    {
        var provider = new AuthProviderConfig();
        foreach (var (key, value) in Mapping(node))
        {
            switch (key)
            {
                case "name": provider.Name = String(value); break;
                case "config":
                    provider.Config = IsNull(value) ? null : Mapping(value).ToDictionary(kv => kv.Key, kv => String(kv.Value) ?? string.Empty, StringComparer.Ordinal);
                    break;
            }
        }

        return provider;
    }

    private static ContextEntry Context(YamlNode node)
    {
        var context = new ContextEntry();
        foreach (var (key, value) in Mapping(node))
        {
            switch (key)
            {
                case "cluster": context.Cluster = String(value); break;
                case "user": context.User = String(value); break;
                case "namespace": context.Namespace = String(value); break;
            }
        }

        return context;
    }

    /// <summary>A list of <c>{name: N, KEY: {...}}</c> entries (clusters, users, contexts).</summary>
    private static List<NamedEntry<T>>? Named<T>(YamlNode node, string valueKey, Func<YamlNode, T> read)
        where T : class => List(node, item =>
        {
            var entry = new NamedEntry<T>();
            foreach (var (key, value) in Mapping(item))
            {
                if (key == "name")
                {
                    entry.Name = String(value);
                }
                else if (key == valueKey && !IsNull(value))
                {
                    entry.Value = read(value);
                }
            }

            return entry;
        });

    private static List<T>? List<T>(YamlNode node, Func<YamlNode, T> read) => node switch
    {
        _ when IsNull(node) => null,
        YamlSequenceNode sequence => sequence.Children.Select(read).ToList(),
        _ => throw Wrong(node, "a list"),
    };

    private static IEnumerable<(string Key, YamlNode Value)> Mapping(YamlNode node) => node switch
    {
        _ when IsNull(node) => [],
        YamlMappingNode mapping => mapping.Children.Select(kv => (String(kv.Key) ?? string.Empty, kv.Value)),
        _ => throw Wrong(node, "a mapping"),
    };

    private static string? String(YamlNode node) => node switch
    {
        _ when IsNull(node) => null,
        YamlScalarNode scalar => scalar.Value,
        _ => throw Wrong(node, "a single value"),
    };

    /// <summary>As YamlDotNet's deserializer read a bool: true/y/yes/on and false/n/no/off, any case.</summary>
    private static bool Boolean(YamlNode node)
    {
        var value = String(node);
        switch (value?.ToLowerInvariant())
        {
            case null: return false;
            case "true" or "y" or "yes" or "on": return true;
            case "false" or "n" or "no" or "off": return false;
            default:
                throw new YamlException(node.Start, node.End, "Exception during deserialization",
                    new FormatException(string.Create(CultureInfo.InvariantCulture, $"The value \"{value}\" is not a valid YAML Boolean")));
        }
    }

    private static bool IsNull(YamlNode node) =>
        node is YamlScalarNode { Style: ScalarStyle.Plain or ScalarStyle.Any, Value: null or "" or "~" or "null" or "Null" or "NULL" };

    private static YamlException Wrong(YamlNode node, string expected) =>
        new(node.Start, node.End, $"Expected {expected} here, found {Describe(node)}.");

    private static string Describe(YamlNode node) => node switch
    {
        YamlMappingNode => "a mapping",
        YamlSequenceNode => "a list",
        YamlScalarNode s => $"'{s.Value}'",
        _ => node.NodeType.ToString(),
    };
}
