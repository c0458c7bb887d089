using System.Globalization;

namespace ImageRoll.ClusterSimulator.Controllers.Kubelet.Docker;

/// <summary>
/// Whether a process in a container's network namespace listens on a TCP port, read from /proc/PID/net/tcp and tcp6
/// (state 0A = LISTEN). Needed because a port published through Docker's userland proxy accepts every connection
/// on 127.0.0.1 even when nothing listens inside the container (the proxy then resets it), so a connect through the
/// published port cannot tell "refused" from "accepted". A listener bound to the container's loopback only is not
/// reachable from outside, as it would not be for the real kubelet probing the pod IP: it does not count.
/// </summary>
public static class ListeningSockets
{
    private const string Listen = "0A";

    /// <summary>True or false; null when /proc cannot be read (then callers fall back to connecting).</summary>
    public static bool? IsListening(int pid, int port)
    {
        if (pid <= 0)
        {
            return false;
        }

        try
        {
            return Scan($"/proc/{pid}/net/tcp", port, ipv6: false) || Scan($"/proc/{pid}/net/tcp6", port, ipv6: true);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            return null;
        }
    }

    private static bool Scan(string path, int port, bool ipv6)
    {
        if (!File.Exists(path))
        {
            return false;
        }

        foreach (var line in File.ReadLines(path).Skip(1))
        {
            var fields = line.Split(' ', StringSplitOptions.RemoveEmptyEntries);
            if (fields.Length < 4 || fields[3] != Listen)
            {
                continue;
            }

            var local = fields[1].Split(':');
            if (local.Length != 2 || !int.TryParse(local[1], NumberStyles.HexNumber, CultureInfo.InvariantCulture, out var p) || p != port)
            {
                continue;
            }

            if (!IsLoopback(local[0], ipv6))
            {
                return true;
            }
        }

        return false;
    }

    /// <summary>
    /// 127.0.0.0/8 is "xxxxxx7F" (little-endian) in tcp; ::1 is "00000000000000000000000001000000" and ::ffff:127.x
    /// "0000000000000000FFFF0000xxxxxx7F" in tcp6.
    /// </summary>
    private static bool IsLoopback(string hex, bool ipv6) =>
        ipv6
            ? hex == "00000000000000000000000001000000"
              || (hex.StartsWith("0000000000000000FFFF0000", StringComparison.OrdinalIgnoreCase) && hex.EndsWith("7F", StringComparison.OrdinalIgnoreCase))
            : hex.EndsWith("7F", StringComparison.OrdinalIgnoreCase);
}
