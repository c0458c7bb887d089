using System.Collections.Concurrent;
using System.Globalization;
using System.Net;
using System.Net.Sockets;
using System.Text;

namespace ImageRoll.IntegrationTests.Faults;

/// <summary>
/// A TCP proxy on 127.0.0.1 between ImageRoll and a real service (the registry, the simulated API server) that injects
/// faults: refuse connections, accept and never answer, stall or reset an answer after N body bytes, stop reading a
/// request body, or answer 429/500/503 with Retry-After itself. For a plain-HTTP upstream it reads each request's
/// head, so rules can pick requests by method and path; it adds "Connection: close" so every request has its own
/// connection and a fault hits exactly that request. TLS (or a proxy created with http: false) is forwarded as bytes
/// and only connection-level rules apply. Every request line seen is logged (<see cref="Requests"/>).
/// </summary>
public sealed class FaultProxy : IAsyncDisposable
{
    private readonly string _upstreamHost;
    private readonly int _upstreamPort;
    private readonly bool _http;
    private readonly List<FaultRule> _rules = [];
    private readonly ConcurrentQueue<string> _requests = new();
    private readonly ConcurrentDictionary<Task, bool> _connections = new();
    private readonly CancellationTokenSource _stop = new();
    private readonly object _gate = new();
    private TcpListener? _listener;

    private FaultProxy(string upstream, bool http)
    {
        var colon = upstream.LastIndexOf(':');
        _upstreamHost = upstream[..colon];
        _upstreamPort = int.Parse(upstream[(colon + 1)..], CultureInfo.InvariantCulture);
        _http = http;
    }

    public int Port { get; private set; }

    /// <summary>127.0.0.1:PORT, to use where the upstream's address would be.</summary>
    public string Address => $"127.0.0.1:{Port}";

    /// <summary>"METHOD TARGET" of every plain-HTTP request seen, in order ("TLS" for a TLS connection).</summary>
    public IReadOnlyList<string> Requests => [.. _requests];

    /// <summary>Starts a proxy to <paramref name="upstream"/> (HOST:PORT); <paramref name="http"/> false forwards bytes only.</summary>
    public static FaultProxy Start(string upstream, bool http = true)
    {
        var proxy = new FaultProxy(upstream, http);
        proxy.Listen(0);
        return proxy;
    }

    /// <summary>Adds a rule; rules are tried in the order added and the first that matches (and has hits left) applies.</summary>
    public FaultRule Add(FaultRule rule)
    {
        lock (_rules)
        {
            _rules.Add(rule);
        }

        return rule;
    }

    /// <summary>Removes every rule: from now on everything passes.</summary>
    public void Clear()
    {
        lock (_rules)
        {
            _rules.Clear();
        }
    }

    /// <summary>Stops listening: connections are refused (ECONNREFUSED) until <see cref="Accept"/>.</summary>
    public void Refuse()
    {
        lock (_gate)
        {
            _listener?.Stop();
            _listener = null;
        }
    }

    /// <summary>Listens again on the same port.</summary>
    public void Accept()
    {
        lock (_gate)
        {
            if (_listener is null)
            {
                Listen(Port);
            }
        }
    }

    /// <summary>Requests seen whose method is one of <paramref name="methods"/> (e.g. the writes: PUT, POST, PATCH, DELETE).</summary>
    public IReadOnlyList<string> RequestsWith(params string[] methods) =>
        Requests.Where(r => methods.Any(m => r.StartsWith(m + " ", StringComparison.Ordinal))).ToList();

    public async ValueTask DisposeAsync()
    {
        Refuse();
        await _stop.CancelAsync();
        await Task.WhenAll(_connections.Keys).WaitAsync(TimeSpan.FromSeconds(10)).ContinueWith(_ => { }, TaskScheduler.Default);
        _stop.Dispose();
    }

    private void Listen(int port)
    {
        var listener = new TcpListener(IPAddress.Loopback, port);
        listener.Server.SetSocketOption(SocketOptionLevel.Socket, SocketOptionName.ReuseAddress, true);
        listener.Start();
        Port = ((IPEndPoint)listener.LocalEndpoint).Port;
        _listener = listener;
        _ = Task.Run(() => AcceptLoopAsync(listener));
    }

    private async Task AcceptLoopAsync(TcpListener listener)
    {
        while (!_stop.IsCancellationRequested)
        {
            Socket client;
            try
            {
                client = await listener.AcceptSocketAsync(_stop.Token);
            }
            catch (Exception ex) when (ex is SocketException or ObjectDisposedException or OperationCanceledException or InvalidOperationException)
            {
                return;
            }

            var task = Task.Run(() => ServeAsync(client));
            _connections[task] = true;
            _ = task.ContinueWith(t => _connections.TryRemove(t, out _), TaskScheduler.Default);
        }
    }

    private FaultRule? Match(string? method, string? target, bool connectionLevelOnly)
    {
        lock (_rules)
        {
            return _rules.FirstOrDefault(r => (!connectionLevelOnly || r.ConnectionLevel) && r.TryHit(method, target));
        }
    }

    private async Task ServeAsync(Socket client)
    {
        using var connection = CancellationTokenSource.CreateLinkedTokenSource(_stop.Token);
        var ct = connection.Token;
        try
        {
            using (client)
            {
                var stream = new NetworkStream(client, ownsSocket: false);
                var first = new byte[1];
                if (await stream.ReadAsync(first, ct) == 0)
                {
                    return;
                }

                if (!_http || first[0] == 0x16)
                {
                    _requests.Enqueue(first[0] == 0x16 ? "TLS" : "TCP");
                    await ApplyAsync(Match(null, null, connectionLevelOnly: true), client, stream, first, null, connection);
                    return;
                }

                var (head, rest) = await ReadHeadAsync(stream, first, ct);
                if (head is null)
                {
                    return;
                }

                var requestLine = head[..head.IndexOf("\r\n", StringComparison.Ordinal)].Split(' ');
                var (method, target) = (requestLine[0], requestLine.Length > 1 ? requestLine[1] : "/");
                _requests.Enqueue($"{method} {target}");
                var rule = Match(method, target, connectionLevelOnly: false);
                if (rule?.Action == FaultAction.Respond)
                {
                    await DrainBodyAsync(stream, head, rest.Length, ct);
                    await RespondAsync(client, stream, rule, ct);
                    return;
                }

                await ApplyAsync(rule, client, stream, Encoding.ASCII.GetBytes(WithConnectionClose(head)), rest, connection);
            }
        }
        catch (Exception ex) when (ex is IOException or SocketException or OperationCanceledException or ObjectDisposedException)
        {
        }
    }

    private async Task ApplyAsync(FaultRule? rule, Socket client, NetworkStream stream, byte[] head, byte[]? body, CancellationTokenSource connection)
    {
        var ct = connection.Token;
        switch (rule?.Action ?? FaultAction.Pass)
        {
            case FaultAction.Reset:
                client.LingerState = new LingerOption(true, 0);
                client.Close();
                return;
            case FaultAction.Blackhole:
                await DrainUntilClosedAsync(stream, ct);
                return;
        }

        using var upstream = new TcpClient();
        await upstream.ConnectAsync(_upstreamHost, _upstreamPort, ct);
        var up = upstream.GetStream();
        await up.WriteAsync(head, ct);
        var requestLimit = rule?.Action == FaultAction.StallRequest ? rule.AfterBytes : long.MaxValue;
        if (requestLimit != long.MaxValue)
        {
            client.ReceiveBufferSize = 16 * 1024;
        }

        var toUpstream = PumpRequestAsync(stream, up, body ?? [], requestLimit, ct);
        var toClient = PumpAnswerAsync(up, stream, client, rule, countBodyOnly: body is not null, ct);
        var done = await Task.WhenAny(toUpstream, toClient);
        if (done == toUpstream)
        {
            // The client closed its side (or a request stall holds): the answer still flows until the upstream ends.
            await Task.WhenAny(toClient, Task.Delay(Timeout.Infinite, ct)).ContinueWith(_ => { }, TaskScheduler.Default);
        }

        await connection.CancelAsync();
    }

    private static async Task PumpRequestAsync(NetworkStream client, NetworkStream up, byte[] initial, long limit, CancellationToken ct)
    {
        long forwarded = 0;
        var first = (int)Math.Min(initial.Length, limit);
        await up.WriteAsync(initial.AsMemory(0, first), ct);
        forwarded += first;
        var buffer = new byte[64 * 1024];
        while (true)
        {
            if (forwarded >= limit)
            {
                // Stop reading: the client's writes fill the socket buffers and block.
                await Task.Delay(Timeout.Infinite, ct);
            }

            var n = await client.ReadAsync(buffer.AsMemory(0, (int)Math.Min(buffer.Length, limit - forwarded)), ct);
            if (n == 0)
            {
                return;
            }

            await up.WriteAsync(buffer.AsMemory(0, n), ct);
            forwarded += n;
        }
    }

    private static async Task PumpAnswerAsync(NetworkStream up, NetworkStream client, Socket clientSocket, FaultRule? rule, bool countBodyOnly, CancellationToken ct)
    {
        var limit = rule?.Action is FaultAction.StallAnswer or FaultAction.ResetAnswer ? rule.AfterBytes : long.MaxValue;
        var buffer = new byte[64 * 1024];
        var inBody = !countBodyOnly;
        var tail = 0u;
        long body = 0;
        while (true)
        {
            var n = await up.ReadAsync(buffer, ct);
            if (n == 0)
            {
                clientSocket.Shutdown(SocketShutdown.Send);
                return;
            }

            var start = 0;
            if (!inBody)
            {
                // Find the end of the answer's head (\r\n\r\n), possibly split across reads.
                for (; start < n && !inBody; start++)
                {
                    tail = (tail << 8) | buffer[start];
                    inBody = tail == 0x0D0A0D0A;
                }
            }

            var bodyBytes = n - start;
            if (body + bodyBytes <= limit)
            {
                await client.WriteAsync(buffer.AsMemory(0, n), ct);
                body += bodyBytes;
                continue;
            }

            await client.WriteAsync(buffer.AsMemory(0, start + (int)(limit - body)), ct);
            if (rule!.Action == FaultAction.ResetAnswer)
            {
                clientSocket.LingerState = new LingerOption(true, 0);
                clientSocket.Close();
                return;
            }

            await Task.Delay(Timeout.Infinite, ct);
        }
    }

    private static async Task RespondAsync(Socket client, NetworkStream stream, FaultRule rule, CancellationToken ct)
    {
        var body = $$"""{"errors":[{"code":"UNAVAILABLE","message":"injected {{rule.Status}}"}]}""";
        var head = new StringBuilder()
            .Append(CultureInfo.InvariantCulture, $"HTTP/1.1 {rule.Status} {Reason(rule.Status)}\r\n")
            .Append("Content-Type: application/json\r\n")
            .Append(CultureInfo.InvariantCulture, $"Content-Length: {Encoding.UTF8.GetByteCount(body)}\r\n")
            .Append("Connection: close\r\n");
        if (rule.RetryAfterSeconds is { } seconds)
        {
            head.Append(CultureInfo.InvariantCulture, $"Retry-After: {seconds}\r\n");
        }

        await stream.WriteAsync(Encoding.UTF8.GetBytes(head.Append("\r\n").Append(body).ToString()), ct);
        client.Shutdown(SocketShutdown.Send);
        await DrainUntilClosedAsync(stream, ct).WaitAsync(TimeSpan.FromSeconds(5), ct).ContinueWith(_ => { }, TaskScheduler.Default);
    }

    private static string Reason(int status) => status switch
    {
        429 => "Too Many Requests",
        500 => "Internal Server Error",
        502 => "Bad Gateway",
        503 => "Service Unavailable",
        _ => "Error",
    };

    private static async Task DrainUntilClosedAsync(NetworkStream stream, CancellationToken ct)
    {
        var buffer = new byte[64 * 1024];
        while (await stream.ReadAsync(buffer, ct) > 0)
        {
        }
    }

    private static async Task DrainBodyAsync(NetworkStream stream, string head, int alreadyRead, CancellationToken ct)
    {
        var length = head.Split("\r\n").Select(l => l.Split(':', 2)).Where(p => p.Length == 2 && p[0].Trim().Equals("Content-Length", StringComparison.OrdinalIgnoreCase))
            .Select(p => long.Parse(p[1].Trim(), CultureInfo.InvariantCulture)).FirstOrDefault();
        var buffer = new byte[64 * 1024];
        for (var left = length - alreadyRead; left > 0;)
        {
            var n = await stream.ReadAsync(buffer.AsMemory(0, (int)Math.Min(buffer.Length, left)), ct);
            if (n == 0)
            {
                return;
            }

            left -= n;
        }
    }

    private static async Task<(string? Head, byte[] Extra)> ReadHeadAsync(NetworkStream stream, byte[] first, CancellationToken ct)
    {
        var bytes = new List<byte>(first);
        var buffer = new byte[1];
        while (bytes.Count < 64 * 1024)
        {
            if (bytes.Count >= 4 && bytes[^4] == '\r' && bytes[^3] == '\n' && bytes[^2] == '\r' && bytes[^1] == '\n')
            {
                return (Encoding.ASCII.GetString(bytes.ToArray()), []);
            }

            if (await stream.ReadAsync(buffer, ct) == 0)
            {
                return (null, []);
            }

            bytes.Add(buffer[0]);
        }

        return (null, []);
    }

    private static string WithConnectionClose(string head)
    {
        var lines = head.Split("\r\n").Where(l => !l.StartsWith("Connection:", StringComparison.OrdinalIgnoreCase) && l.Length > 0).ToList();
        lines.Add("Connection: close");
        return string.Join("\r\n", lines) + "\r\n\r\n";
    }
}
