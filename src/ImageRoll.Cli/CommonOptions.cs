using System.CommandLine;
using ImageRoll.Cli.Console;

namespace ImageRoll.Cli;

/// <summary>
/// The options of the CLI contract (docs/architecture.md, "Contracts"). Global ones are recursive on the root; registry and cluster
/// ones are added to each command that touches a registry or a cluster, so <c>--help</c> lists exactly what applies.
/// </summary>
public static class CommonOptions
{
    public static readonly Option<OutputMode> Output = new("--output", "-o")
    {
        Description = "text: results on stdout, progress on stderr; json: one JSON document on stdout.",
        DefaultValueFactory = _ => OutputMode.Text,
        Recursive = true,
    };

    public static readonly Option<string> VerbosityOption = new("--verbosity", "-v")
    {
        Description = "How much to log on stderr: q, m, n, d or diag.",
        DefaultValueFactory = _ => "n",
        Recursive = true,
    };

    public static readonly Option<string[]> InsecureRegistry = new("--insecure-registry")
    {
        Description = "HOST[:PORT] of a registry reached over plain HTTP or unverified TLS. Repeatable.",
        AllowMultipleArgumentsPerToken = false,
        Arity = ArgumentArity.ZeroOrMore,
    };

    public static readonly Option<FileInfo?> RegistryCa = new("--registry-ca")
    {
        Description = "A PEM file of CA certificates to trust for registries, in addition to the system's.",
    };

    public static readonly Option<FileInfo?> Kubeconfig = new("--kubeconfig")
    {
        Description = "Path to the kubeconfig file (default: $KUBECONFIG, then ~/.kube/config, then in-cluster).",
    };

    public static readonly Option<string?> Context = new("--context")
    {
        Description = "The kubeconfig context to use.",
    };

    public static readonly Option<string?> Namespace = new("--namespace", "-n")
    {
        Description = "The namespace (default: the context's, then 'default').",
    };

    public static readonly Option<string> Timeout = new("--timeout")
    {
        Description = "How long to wait, as kubectl takes it: 90s, 5m, 1h30m.",
        DefaultValueFactory = _ => "10m",
    };

    static CommonOptions()
    {
        VerbosityOption.AcceptOnlyFromAmong(Verbosity.Accepted);
    }

    public static void AddRegistryOptions(Command command)
    {
        command.Options.Add(InsecureRegistry);
        command.Options.Add(RegistryCa);
    }

    public static void AddClusterOptions(Command command)
    {
        command.Options.Add(Kubeconfig);
        command.Options.Add(Context);
        command.Options.Add(Namespace);
        command.Options.Add(Timeout);
    }
}
