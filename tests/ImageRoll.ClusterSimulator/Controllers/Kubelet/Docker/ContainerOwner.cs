using System.Globalization;

namespace ImageRoll.ClusterSimulator.Controllers.Kubelet.Docker;

/// <summary>
/// Which simulator process owns a container: label <see cref="Label"/> = "PID/START" (the process start time from
/// /proc/PID/stat, so a reused pid is not mistaken for the owner). A container whose owner is gone was left by a
/// simulator that crashed or was killed, and the next docker kubelet to start removes it. Several simulators share
/// the machine's one daemon: only dead owners' containers are touched.
/// </summary>
public static class ContainerOwner
{
    /// <summary>The simulator instance (one per docker kubelet run): every container it creates carries it.</summary>
    public const string InstanceLabel = "imageroll.simulator";

    public const string Label = "imageroll.simulator.owner";

    public static string Current { get; } = Of(Environment.ProcessId) ?? $"{Environment.ProcessId}/0";

    public static bool IsAlive(string owner)
    {
        var slash = owner.IndexOf('/', StringComparison.Ordinal);
        return slash > 0 && int.TryParse(owner[..slash], NumberStyles.None, CultureInfo.InvariantCulture, out var pid) && Of(pid) == owner;
    }

    /// <summary>Removes the containers of simulators that are no longer running; returns how many.</summary>
    public static async Task<int> RemoveOrphansAsync(DockerApi docker, CancellationToken ct)
    {
        var removed = 0;
        foreach (var (id, labels) in await docker.ListContainersAsync(Label, ct).ConfigureAwait(false))
        {
            if (!labels.TryGetValue(Label, out var owner) || !IsAlive(owner))
            {
                await docker.RemoveContainerAsync(id, ct).ConfigureAwait(false);
                removed++;
            }
        }

        return removed;
    }

    /// <summary>"PID/STARTTIME" of a running process (field 22 of /proc/PID/stat, after the parenthesised name), or null.</summary>
    private static string? Of(int pid)
    {
        try
        {
            var stat = File.ReadAllText($"/proc/{pid}/stat");
            var fields = stat[(stat.LastIndexOf(')') + 2)..].Split(' ');
            return fields.Length > 19 ? $"{pid}/{fields[19]}" : null;
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            return null;
        }
    }
}
