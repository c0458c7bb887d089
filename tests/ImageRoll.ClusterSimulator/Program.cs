using System.Runtime.InteropServices;
using ImageRoll.ClusterSimulator.Controllers.Kubelet;
using ImageRoll.ClusterSimulator.Controllers.Kubelet.Docker;
using ImageRoll.ClusterSimulator.Hosting;

namespace ImageRoll.ClusterSimulator;

/// <summary>
/// The host: <c>dotnet run --project tests/ImageRoll.ClusterSimulator -c Release --no-build -- --port 0
/// --kubeconfig-out PATH [--disable-controller NAME]... [--http]</c>.
/// </summary>
public static class Program
{
    public static async Task<int> Main(string[] args)
    {
        HostArguments parsed;
        try
        {
            parsed = HostArguments.Parse(args);
        }
        catch (ArgumentException e)
        {
            await Console.Error.WriteLineAsync($"error: {e.Message}\n{HostArguments.Usage}");
            return 2;
        }

        if (parsed.Help)
        {
            Console.WriteLine(HostArguments.Usage);
            return 0;
        }

        if (parsed.Options.Kubelet == KubeletMode.Docker && await DockerUnreachableAsync(parsed.Options.DockerHost) is { } why)
        {
            await Console.Error.WriteLineAsync($"error: --kubelet docker: cannot reach Docker at {parsed.Options.DockerHost}: {why}\nhint: start the daemon (build/services.sh start docker) or pass --docker-host");
            return 2;
        }

        using var stop = new CancellationTokenSource();
        using var sigterm = PosixSignalRegistration.Create(PosixSignal.SIGTERM, c => { c.Cancel = true; stop.Cancel(); });
        using var sigint = PosixSignalRegistration.Create(PosixSignal.SIGINT, c => { c.Cancel = true; stop.Cancel(); });
        SimulatedCluster cluster;
        try
        {
            cluster = await SimulatedCluster.StartAsync(parsed.Options, stop.Token);
        }
        catch (ArgumentException e)
        {
            await Console.Error.WriteLineAsync($"error: {e.Message}");
            return 2;
        }

        await using (cluster)
        {
            if (parsed.KubeconfigOut is { } path)
            {
                cluster.WriteKubeconfig(path);
            }

            if (parsed.RestrictedKubeconfigOut is { } restricted)
            {
                cluster.WriteKubeconfig(restricted, cluster.RestrictedToken);
            }

            await Console.Error.WriteLineAsync($"simulated cluster listening on {cluster.BaseUrl}; controllers: {string.Join(", ", cluster.Controllers.Select(c => c.Name))}");
            if (cluster.IntegratedRegistry is { } registry)
            {
                await Console.Error.WriteLineAsync($"integrated registry on {registry.Host} ({registry.InternalHostname} inside), storing in {parsed.Options.IntegratedRegistryBackend}/{registry.Prefix}");
            }

            try
            {
                await Task.Delay(Timeout.Infinite, stop.Token);
            }
            catch (OperationCanceledException)
            {
                await Console.Error.WriteLineAsync("simulated cluster stopping");
            }
        }

        return 0;
    }

    /// <summary>Null when the daemon answers its ping within a few seconds, else why not.</summary>
    private static async Task<string?> DockerUnreachableAsync(string dockerHost)
    {
        using var docker = new DockerApi(dockerHost);
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(5));
        try
        {
            await docker.PingAsync(timeout.Token);
            return null;
        }
        catch (Exception e) when (e is HttpRequestException or IOException or DockerApiException or OperationCanceledException)
        {
            return e is OperationCanceledException ? "no answer within 5s" : e.Message;
        }
    }
}
