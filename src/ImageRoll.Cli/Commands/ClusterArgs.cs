using System.CommandLine;
using ImageRoll.Kubernetes;

namespace ImageRoll.Cli.Commands;

/// <summary>Turns the cluster options (<see cref="CommonOptions.AddClusterOptions"/>) into a client and a timeout.</summary>
internal static class ClusterArgs
{
    public static KubeApiClient CreateClient(CommandContext ctx)
    {
        var p = ctx.ParseResult;
        var options = new KubeConnectionOptions(p.GetValue(CommonOptions.Kubeconfig)?.FullName, p.GetValue(CommonOptions.Context), p.GetValue(CommonOptions.Namespace));
        return KubeClientFactory.Create(options, ctx.Env, ctx.CreateLogger("ImageRoll.Kubernetes"));
    }

    public static TimeSpan Timeout(ParseResult p) => Util.GoDuration.Parse(p.GetValue(CommonOptions.Timeout) ?? "10m");

    public static string[] InsecureRegistries(ParseResult p) => p.GetValue(CommonOptions.InsecureRegistry) ?? [];
}
