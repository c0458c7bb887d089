namespace ImageRoll.Benchmarks;

/// <summary>
/// <c>ImageRoll.Benchmarks SUITE [ARGS]</c>: whole-process comparisons against peers (kubectl, skopeo) on this
/// machine. Each suite lives in its own folder and registers one line here; <c>build/bench.sh</c> runs them.
/// </summary>
public static class Program
{
    private static readonly Dictionary<string, Func<string[], Task<int>>> Suites = new(StringComparer.OrdinalIgnoreCase)
    {
        ["rollouts"] = Rollouts.RolloutSuite.RunAsync,
        ["registry-push"] = Registry.RegistryPushBenchmark.RunAsync,
        ["kubeclients"] = OperatingSystem.IsWindows() ? _ => Task.FromResult(2) : KubeClients.KubeClientSuite.RunAsync,
        ["kubectl"] = Simulator.KubectlViewBenchmark.RunAsync,
        ["startup"] = OperatingSystem.IsWindows() ? _ => Task.FromResult(2) : Startup.StartupSuite.RunAsync,
    };

    public static async Task<int> Main(string[] args)
    {
        if (args.Length == 0 || !Suites.TryGetValue(args[0], out var suite))
        {
            Console.Error.WriteLine($"usage: ImageRoll.Benchmarks <suite> [args]; suites: {string.Join(", ", Suites.Keys)}");
            return args.Length == 0 ? 0 : 2;
        }

        return await suite(args[1..]);
    }
}
