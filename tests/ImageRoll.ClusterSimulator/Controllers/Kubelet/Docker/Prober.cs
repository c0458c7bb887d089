using System.Net;
using System.Net.Sockets;

namespace ImageRoll.ClusterSimulator.Controllers.Kubelet.Docker;

/// <summary>The result of one probe run (kubernetes pkg/probe Result), with the prober's output.</summary>
public enum ProbeVerdict
{
    Success,
    Failure,

    /// <summary>The probe could not run (kubelet: "probe errored").</summary>
    Error,
}

/// <summary>One probe run: the verdict and the output the kubelet puts in the Unhealthy event.</summary>
public sealed record ProbeOutcome(ProbeVerdict Verdict, string Output);

/// <summary>Where to probe a running container: its id, its init process (for its sockets), its published ports.</summary>
public sealed record ProbeTarget(string ContainerId, int Pid, IReadOnlyDictionary<int, int> HostPorts);

/// <summary>
/// Runs httpGet, tcpSocket and exec probes against a real container, with the upstream probers' outputs (kubernetes
/// pkg/probe/http/http.go, pkg/probe/tcp/tcp.go, pkg/probe/exec/exec.go). HTTP goes to the port published on
/// 127.0.0.1, never to the container's bridge address; whether anything listens is read from the container's socket
/// table first (see <see cref="ListeningSockets"/>), so "connection refused" is reported as the real probe sees it.
/// </summary>
public sealed class Prober(DockerApi docker) : IDisposable
{
    private readonly HttpClient _http = new(new SocketsHttpHandler
    {
        // The kubelet's HTTP prober does not verify certificates and follows redirects (at most 10).
        SslOptions = { RemoteCertificateValidationCallback = (_, _, _, _) => true },
        AllowAutoRedirect = true,
        MaxAutomaticRedirections = 10,
        UseProxy = false,
        PooledConnectionLifetime = TimeSpan.Zero,
    })
    { Timeout = Timeout.InfiniteTimeSpan };

    public async Task<ProbeOutcome> ProbeAsync(ProbeSpec spec, ProbeTarget target, CancellationToken ct)
    {
        if (spec.PortError is { } portError)
        {
            return new ProbeOutcome(ProbeVerdict.Error, portError);
        }

        var timeout = TimeSpan.FromSeconds(spec.TimeoutSeconds);
        if (spec.Action == ProbeAction.Exec)
        {
            var result = await docker.ExecAsync(target.ContainerId, spec.Command, timeout, ct).ConfigureAwait(false);
            return result.ExitCode switch
            {
                // ExecProbeTimeout (GA): a timed-out command is a failure (kubernetes#106201 names it in the output).
                null => new ProbeOutcome(ProbeVerdict.Failure, $"command \"{string.Join(' ', spec.Command)}\" timed out"),
                0 => new ProbeOutcome(ProbeVerdict.Success, result.Output),
                _ => new ProbeOutcome(ProbeVerdict.Failure, result.Output),
            };
        }

        if (!target.HostPorts.TryGetValue(spec.Port, out var hostPort))
        {
            return new ProbeOutcome(ProbeVerdict.Error, $"port {spec.Port} is not published on 127.0.0.1");
        }

        var refused = $"dial tcp 127.0.0.1:{hostPort}: connect: connection refused";
        var listening = ListeningSockets.IsListening(target.Pid, spec.Port);
        if (spec.Action == ProbeAction.TcpSocket)
        {
            return (listening ?? await ConnectsAsync(hostPort, timeout, ct).ConfigureAwait(false))
                ? new ProbeOutcome(ProbeVerdict.Success, "")
                : new ProbeOutcome(ProbeVerdict.Failure, refused);
        }

        var url = $"{spec.Scheme}://127.0.0.1:{hostPort}{spec.Path}";
        if (listening == false)
        {
            return new ProbeOutcome(ProbeVerdict.Failure, $"Get \"{url}\": {refused}");
        }

        return await HttpGetAsync(spec, url, timeout, ct).ConfigureAwait(false);
    }

    public void Dispose() => _http.Dispose();

    private async Task<ProbeOutcome> HttpGetAsync(ProbeSpec spec, string url, TimeSpan timeout, CancellationToken ct)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, url);
        request.Headers.TryAddWithoutValidation("User-Agent", "kube-probe/1.31");
        request.Headers.TryAddWithoutValidation("Accept", "*/*");
        foreach (var (name, value) in spec.Headers)
        {
            request.Headers.Remove(name);
            request.Headers.TryAddWithoutValidation(name, value);
        }

        using var deadline = CancellationTokenSource.CreateLinkedTokenSource(ct);
        deadline.CancelAfter(timeout);
        try
        {
            using var response = await _http.SendAsync(request, HttpCompletionOption.ResponseHeadersRead, deadline.Token).ConfigureAwait(false);
            var code = (int)response.StatusCode;
            return code is >= 200 and < 400
                ? new ProbeOutcome(ProbeVerdict.Success, "")
                : new ProbeOutcome(ProbeVerdict.Failure, $"HTTP probe failed with statuscode: {code}");
        }
        catch (OperationCanceledException) when (!ct.IsCancellationRequested)
        {
            return new ProbeOutcome(ProbeVerdict.Failure, $"Get \"{url}\": context deadline exceeded (Client.Timeout exceeded while awaiting headers)");
        }
        catch (HttpRequestException e)
        {
            // Go's net/http says EOF when the server closes the connection without an answer.
            var why = e.HttpRequestError == HttpRequestError.ResponseEnded ? "EOF" : e.InnerException?.Message ?? e.Message;
            return new ProbeOutcome(ProbeVerdict.Failure, $"Get \"{url}\": {why}");
        }
    }

    private static async Task<bool> ConnectsAsync(int hostPort, TimeSpan timeout, CancellationToken ct)
    {
        using var deadline = CancellationTokenSource.CreateLinkedTokenSource(ct);
        deadline.CancelAfter(timeout);
        using var socket = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp);
        try
        {
            await socket.ConnectAsync(new IPEndPoint(IPAddress.Loopback, hostPort), deadline.Token).ConfigureAwait(false);
            return true;
        }
        catch (Exception e) when (e is SocketException or OperationCanceledException && !ct.IsCancellationRequested)
        {
            return false;
        }
    }
}
