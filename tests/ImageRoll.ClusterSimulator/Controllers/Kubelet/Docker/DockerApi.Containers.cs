using System.Buffers.Binary;
using System.Globalization;
using System.Net;
using System.Text;
using System.Text.Json.Nodes;

namespace ImageRoll.ClusterSimulator.Controllers.Kubelet.Docker;

/// <summary>Container calls of <see cref="DockerApi"/>.</summary>
public sealed partial class DockerApi
{
    /// <summary><c>POST /containers/create?name=NAME</c> with a create body; returns the container id.</summary>
    public async Task<string> CreateContainerAsync(string name, JsonObject body, CancellationToken ct)
    {
        using var response = await SendJsonAsync(HttpMethod.Post, $"containers/create?name={Uri.EscapeDataString(name)}", body, ct).ConfigureAwait(false);
        var created = await ReadJsonAsync(response, ct).ConfigureAwait(false);
        return (string?)created["Id"] ?? throw new DockerApiException((int)response.StatusCode, "the daemon answered no container id");
    }

    public async Task StartContainerAsync(string id, CancellationToken ct)
    {
        using var response = await SendJsonAsync(HttpMethod.Post, $"containers/{id}/start", null, ct).ConfigureAwait(false);
        await EnsureSuccessAsync(response, ct).ConfigureAwait(false);
    }

    /// <summary>The container's state and published ports, or null when it is gone.</summary>
    public async Task<ContainerInspect?> InspectContainerAsync(string id, CancellationToken ct)
    {
        using var response = await _http.GetAsync(new Uri($"containers/{id}/json", UriKind.Relative), ct).ConfigureAwait(false);
        if (response.StatusCode == HttpStatusCode.NotFound)
        {
            return null;
        }

        var body = await ReadJsonAsync(response, ct).ConfigureAwait(false);
        var state = body["State"] as JsonObject ?? [];
        var ports = new Dictionary<int, int>();
        if (body["NetworkSettings"]?["Ports"] is JsonObject published)
        {
            foreach (var (key, bindings) in published)
            {
                if (key.EndsWith("/tcp", StringComparison.Ordinal)
                    && int.TryParse(key[..^4], NumberStyles.None, CultureInfo.InvariantCulture, out var containerPort)
                    && bindings is JsonArray { Count: > 0 } list
                    && int.TryParse((string?)list[0]?["HostPort"], NumberStyles.None, CultureInfo.InvariantCulture, out var hostPort))
                {
                    ports[containerPort] = hostPort;
                }
            }
        }

        return new ContainerInspect(
            (string?)body["Id"] ?? id,
            (bool?)state["Running"] ?? false,
            (int?)state["ExitCode"] ?? 0,
            (bool?)state["OOMKilled"] ?? false,
            (string?)state["Error"] ?? "",
            Time((string?)state["StartedAt"]),
            Time((string?)state["FinishedAt"]),
            (int?)state["Pid"] ?? 0,
            ports);
    }

    /// <summary><c>POST /containers/{id}/stop?t=SECONDS</c>: SIGTERM, then SIGKILL after the grace period.</summary>
    public async Task StopContainerAsync(string id, int graceSeconds, CancellationToken ct)
    {
        using var response = await SendJsonAsync(HttpMethod.Post, $"containers/{id}/stop?t={graceSeconds}", null, ct).ConfigureAwait(false);
        if (response.StatusCode is not (HttpStatusCode.NotModified or HttpStatusCode.NotFound))
        {
            await EnsureSuccessAsync(response, ct).ConfigureAwait(false);
        }
    }

    /// <summary><c>DELETE /containers/{id}?force=true&amp;v=true</c>; a container already gone is fine.</summary>
    public async Task RemoveContainerAsync(string id, CancellationToken ct)
    {
        using var response = await SendJsonAsync(HttpMethod.Delete, $"containers/{id}?force=true&v=true", null, ct).ConfigureAwait(false);
        if (response.StatusCode != HttpStatusCode.NotFound)
        {
            await EnsureSuccessAsync(response, ct).ConfigureAwait(false);
        }
    }

    /// <summary>Every container (running or not) carrying <paramref name="label"/> (KEY or KEY=VALUE): id and labels.</summary>
    public async Task<IReadOnlyList<(string Id, IReadOnlyDictionary<string, string> Labels)>> ListContainersAsync(string label, CancellationToken ct)
    {
        var filters = new JsonObject { ["label"] = new JsonArray(label) };
        using var response = await _http.GetAsync(new Uri($"containers/json?all=true&filters={Uri.EscapeDataString(filters.ToJsonString())}", UriKind.Relative), ct).ConfigureAwait(false);
        await EnsureSuccessAsync(response, ct).ConfigureAwait(false);
        var list = JsonNode.Parse(await response.Content.ReadAsStringAsync(ct).ConfigureAwait(false)) as JsonArray ?? [];
        return list.OfType<JsonObject>().Select(c => (
            (string?)c["Id"] ?? "",
            (IReadOnlyDictionary<string, string>)(c["Labels"] as JsonObject ?? []).ToDictionary(kv => kv.Key, kv => (string?)kv.Value ?? "", StringComparer.Ordinal)))
            .ToList();
    }

    /// <summary>
    /// Runs <paramref name="command"/> in the container (exec create, start without a TTY, inspect) and returns its
    /// exit code and combined output (at most 10 KiB, as the kubelet's exec prober keeps), or a null exit code when it
    /// did not finish within <paramref name="timeout"/>.
    /// </summary>
    public async Task<ExecResult> ExecAsync(string id, IReadOnlyList<string> command, TimeSpan timeout, CancellationToken ct)
    {
        var create = new JsonObject
        {
            ["Cmd"] = new JsonArray(command.Select(c => (JsonNode?)JsonValue.Create(c)).ToArray()),
            ["AttachStdout"] = true,
            ["AttachStderr"] = true,
        };
        string execId;
        using (var created = await SendJsonAsync(HttpMethod.Post, $"containers/{id}/exec", create, ct).ConfigureAwait(false))
        {
            execId = (string?)(await ReadJsonAsync(created, ct).ConfigureAwait(false))["Id"] ?? throw new DockerApiException(500, "no exec id");
        }

        using var deadline = CancellationTokenSource.CreateLinkedTokenSource(ct);
        deadline.CancelAfter(timeout);
        var output = new StringBuilder();
        try
        {
            using var started = await SendJsonAsync(HttpMethod.Post, $"exec/{execId}/start", new JsonObject { ["Detach"] = false, ["Tty"] = false }, deadline.Token).ConfigureAwait(false);
            await EnsureSuccessAsync(started, deadline.Token).ConfigureAwait(false);
            await ReadMultiplexedAsync(await started.Content.ReadAsStreamAsync(deadline.Token).ConfigureAwait(false), output, deadline.Token).ConfigureAwait(false);
        }
        catch (OperationCanceledException) when (!ct.IsCancellationRequested)
        {
            return new ExecResult(null, output.ToString());
        }

        using var inspected = await _http.GetAsync(new Uri($"exec/{execId}/json", UriKind.Relative), ct).ConfigureAwait(false);
        var exec = await ReadJsonAsync(inspected, ct).ConfigureAwait(false);
        return new ExecResult((int?)exec["ExitCode"] ?? 0, output.ToString());
    }

    /// <summary>
    /// The attach stream without a TTY: frames of an 8-byte header (stream type, 3 zero bytes, big-endian length) and
    /// the payload, stdout and stderr interleaved (Engine API "Attach to a container", stream format).
    /// </summary>
    private static async Task ReadMultiplexedAsync(Stream stream, StringBuilder output, CancellationToken ct)
    {
        const int limit = 10 * 1024;
        var header = new byte[8];
        while (await ReadExactlyOrEndAsync(stream, header, ct).ConfigureAwait(false))
        {
            var size = (int)BinaryPrimitives.ReadUInt32BigEndian(header.AsSpan(4));
            var payload = new byte[size];
            if (!await ReadExactlyOrEndAsync(stream, payload, ct).ConfigureAwait(false))
            {
                break;
            }

            if (output.Length < limit)
            {
                var text = Encoding.UTF8.GetString(payload);
                output.Append(text.AsSpan(0, Math.Min(text.Length, limit - output.Length)));
            }
        }
    }

    private static async Task<bool> ReadExactlyOrEndAsync(Stream stream, byte[] buffer, CancellationToken ct)
    {
        var read = 0;
        while (read < buffer.Length)
        {
            var n = await stream.ReadAsync(buffer.AsMemory(read), ct).ConfigureAwait(false);
            if (n == 0)
            {
                return false;
            }

            read += n;
        }

        return true;
    }

    /// <summary>Docker's zero time (0001-01-01) means "never".</summary>
    private static DateTimeOffset? Time(string? text) =>
        DateTimeOffset.TryParse(text, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var t) && t.Year > 1 ? t : null;
}
