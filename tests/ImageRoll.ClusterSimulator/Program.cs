using System.Runtime.InteropServices;
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
}
