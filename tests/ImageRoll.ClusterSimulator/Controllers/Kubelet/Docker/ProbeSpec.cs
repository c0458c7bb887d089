using System.Globalization;
using System.Text.Json.Nodes;
using ImageRoll.ClusterSimulator.Controllers.Core;

namespace ImageRoll.ClusterSimulator.Controllers.Kubelet.Docker;

/// <summary>How a probe checks the container.</summary>
public enum ProbeAction
{
    HttpGet,
    TcpSocket,
    Exec,
}

/// <summary>
/// One readiness, liveness or startup probe of a container spec with the API server's defaults (core/v1
/// SetDefaults_Probe: timeoutSeconds 1, periodSeconds 10, successThreshold 1, failureThreshold 3) and its port
/// resolved against the container's named ports.
/// </summary>
public sealed record ProbeSpec
{
    public required ProbeAction Action { get; init; }

    /// <summary>The container port probed (httpGet, tcpSocket); 0 for exec.</summary>
    public int Port { get; init; }

    /// <summary>Why the port could not be resolved (the prober reports the probe as errored), or null.</summary>
    public string? PortError { get; init; }

    public string Path { get; init; } = "/";

    public string Scheme { get; init; } = "http";

    public IReadOnlyList<KeyValuePair<string, string>> Headers { get; init; } = [];

    public IReadOnlyList<string> Command { get; init; } = [];

    public int InitialDelaySeconds { get; init; }

    public int PeriodSeconds { get; init; } = 10;

    public int TimeoutSeconds { get; init; } = 1;

    public int SuccessThreshold { get; init; } = 1;

    public int FailureThreshold { get; init; } = 3;

    /// <summary>The probe of <paramref name="container"/> under <paramref name="field"/> (readinessProbe, livenessProbe), or null.</summary>
    public static ProbeSpec? Parse(JsonObject container, string field)
    {
        if (Obj.At(container, field) is not JsonObject probe)
        {
            return null;
        }

        ProbeSpec spec;
        if (Obj.At(probe, "httpGet") is JsonObject http)
        {
            var (port, error) = ResolvePort(container, Obj.At(http, "port"));
            spec = new ProbeSpec
            {
                Action = ProbeAction.HttpGet,
                Port = port,
                PortError = error,
                Path = Obj.Str(http, "path") is { Length: > 0 } p ? (p.StartsWith('/') ? p : "/" + p) : "/",
                Scheme = (Obj.Str(http, "scheme") ?? "HTTP").ToLowerInvariant(),
                Headers = Obj.Objects(http, "httpHeaders").Select(h => new KeyValuePair<string, string>(Obj.Str(h, "name") ?? "", Obj.Str(h, "value") ?? "")).ToList(),
            };
        }
        else if (Obj.At(probe, "tcpSocket") is JsonObject tcp)
        {
            var (port, error) = ResolvePort(container, Obj.At(tcp, "port"));
            spec = new ProbeSpec { Action = ProbeAction.TcpSocket, Port = port, PortError = error };
        }
        else if (Obj.At(probe, "exec") is JsonObject exec)
        {
            spec = new ProbeSpec { Action = ProbeAction.Exec, Command = Obj.Array(exec, "command").Select(n => (string?)n ?? "").ToList() };
        }
        else
        {
            return null;
        }

        return spec with
        {
            InitialDelaySeconds = (int)Math.Max(0, Obj.Int(probe, 0, "initialDelaySeconds")),
            PeriodSeconds = (int)Math.Max(1, Obj.Int(probe, 10, "periodSeconds")),
            TimeoutSeconds = (int)Math.Max(1, Obj.Int(probe, 1, "timeoutSeconds")),
            SuccessThreshold = (int)Math.Max(1, Obj.Int(probe, 1, "successThreshold")),
            FailureThreshold = (int)Math.Max(1, Obj.Int(probe, 3, "failureThreshold")),
        };
    }

    /// <summary>An int port, or a named container port (pkg/kubelet/prober/prober.go findPortByName: "port NAME not found").</summary>
    private static (int Port, string? Error) ResolvePort(JsonObject container, JsonNode? port)
    {
        if (port is JsonValue v && v.TryGetValue<int>(out var number))
        {
            return number is > 0 and < 65536 ? (number, null) : (0, $"invalid port number: {number}");
        }

        var name = (port as JsonValue)?.TryGetValue<string>(out var s) == true ? s : "";
        var named = Obj.Objects(container, "ports").FirstOrDefault(p => Obj.Str(p, "name") == name);
        if (named is not null)
        {
            return ((int)Obj.Int(named, 0, "containerPort"), null);
        }

        return int.TryParse(name, NumberStyles.None, CultureInfo.InvariantCulture, out number) && number is > 0 and < 65536
            ? (number, null)
            : (0, $"port {name} not found");
    }
}
