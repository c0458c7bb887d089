using System.Net.Http.Headers;
using System.Net.Sockets;
using System.Runtime.CompilerServices;
using System.Text;
using System.Text.Json.Nodes;

namespace ImageRoll.ClusterSimulator.Controllers.Kubelet.Docker;

/// <summary>
/// The few Docker Engine API calls (v1.41, the Engine 20.10 of these machines) a node's container runtime needs:
/// image inspect and pull, container create/start/inspect/stop/remove/list, exec, and the event stream. Talks to the
/// daemon's unix socket only. Kept inside the simulator on purpose: the simulated cluster judges ImageRoll's engine
/// and must not share its Docker client (src/ImageRoll.Core/Docker), whose bugs it would otherwise hide.
/// </summary>
public sealed partial class DockerApi : IDisposable
{
    private const string Version = "v1.41";
    private readonly HttpClient _http;

    public DockerApi(string dockerHost)
    {
        SocketPath = SocketPathOf(dockerHost);
        var handler = new SocketsHttpHandler
        {
            ConnectCallback = async (_, ct) =>
            {
                var socket = new Socket(AddressFamily.Unix, SocketType.Stream, ProtocolType.Unspecified);
                try
                {
                    await socket.ConnectAsync(new UnixDomainSocketEndPoint(SocketPath), ct).ConfigureAwait(false);
                    return new NetworkStream(socket, ownsSocket: true);
                }
                catch
                {
                    socket.Dispose();
                    throw;
                }
            },
            PooledConnectionIdleTimeout = TimeSpan.FromSeconds(30),
        };
        _http = new HttpClient(handler) { BaseAddress = new Uri($"http://docker/{Version}/"), Timeout = Timeout.InfiniteTimeSpan };
    }

    /// <summary>The unix socket path, e.g. /var/run/docker.sock.</summary>
    public string SocketPath { get; }

    /// <summary>
    /// The socket path of a DOCKER_HOST value: <c>unix:///var/run/docker.sock</c> or a plain absolute path. Any other
    /// scheme is refused: the docker kubelet talks to the local daemon only.
    /// </summary>
    public static string SocketPathOf(string dockerHost)
    {
        if (dockerHost.StartsWith("unix://", StringComparison.Ordinal) && dockerHost.Length > "unix://".Length)
        {
            return dockerHost["unix://".Length..];
        }

        if (dockerHost.StartsWith('/'))
        {
            return dockerHost;
        }

        throw new ArgumentException($"--docker-host: '{dockerHost}' is not a unix socket (use unix:///var/run/docker.sock)");
    }

    /// <summary><c>GET /_ping</c>: throws when the daemon cannot be reached.</summary>
    public async Task PingAsync(CancellationToken ct)
    {
        using var response = await _http.GetAsync(new Uri($"http://docker/_ping"), ct).ConfigureAwait(false);
        await EnsureSuccessAsync(response, ct).ConfigureAwait(false);
    }

    /// <summary>The image's id, size and first repo digest, or null when the daemon does not have it.</summary>
    public async Task<(string Id, long Size, string? RepoDigest)?> InspectImageAsync(string image, CancellationToken ct)
    {
        using var response = await _http.GetAsync(new Uri($"images/{image}/json", UriKind.Relative), ct).ConfigureAwait(false);
        if (response.StatusCode == System.Net.HttpStatusCode.NotFound)
        {
            return null;
        }

        var body = await ReadJsonAsync(response, ct).ConfigureAwait(false);
        var digests = body["RepoDigests"] as JsonArray;
        return ((string?)body["Id"] ?? "", (long?)body["Size"] ?? 0, digests?.Count > 0 ? (string?)digests[0] : null);
    }

    /// <summary>
    /// <c>POST /images/create?fromImage=NAME&amp;tag=TAG-OR-DIGEST</c> (as the docker CLI sends it). The daemon answers
    /// an error before the pull starts as a status code, and one during the pull inside the 200 progress stream: both
    /// become a <see cref="DockerApiException"/> with the daemon's message.
    /// </summary>
    public async Task PullAsync(string name, string tagOrDigest, CancellationToken ct)
    {
        var uri = new Uri($"images/create?fromImage={Uri.EscapeDataString(name)}&tag={Uri.EscapeDataString(tagOrDigest)}", UriKind.Relative);
        using var request = new HttpRequestMessage(HttpMethod.Post, uri);
        using var response = await _http.SendAsync(request, HttpCompletionOption.ResponseHeadersRead, ct).ConfigureAwait(false);
        await EnsureSuccessAsync(response, ct).ConfigureAwait(false);
        await foreach (var message in ReadJsonLinesAsync(response, ct).ConfigureAwait(false))
        {
            if (message["error"] is not null)
            {
                throw new DockerApiException(0, (string?)message["errorDetail"]?["message"] ?? (string?)message["error"] ?? "pull failed");
            }
        }
    }

    /// <summary><c>GET /events</c> filtered by a label, as a stream of event objects until cancelled or the daemon closes it.</summary>
    public async IAsyncEnumerable<JsonObject> EventsAsync(string label, [EnumeratorCancellation] CancellationToken ct)
    {
        var filters = new JsonObject { ["type"] = new JsonArray("container"), ["label"] = new JsonArray(label) };
        var uri = new Uri($"events?filters={Uri.EscapeDataString(filters.ToJsonString())}", UriKind.Relative);
        using var response = await _http.GetAsync(uri, HttpCompletionOption.ResponseHeadersRead, ct).ConfigureAwait(false);
        await EnsureSuccessAsync(response, ct).ConfigureAwait(false);
        await foreach (var e in ReadJsonLinesAsync(response, ct).ConfigureAwait(false))
        {
            yield return e;
        }
    }

    public void Dispose() => _http.Dispose();

    private static async IAsyncEnumerable<JsonObject> ReadJsonLinesAsync(HttpResponseMessage response, [EnumeratorCancellation] CancellationToken ct)
    {
        using var stream = await response.Content.ReadAsStreamAsync(ct).ConfigureAwait(false);
        using var reader = new StreamReader(stream, Encoding.UTF8);
        while (await reader.ReadLineAsync(ct).ConfigureAwait(false) is { } line)
        {
            if (line.Length > 0 && JsonNode.Parse(line) is JsonObject o)
            {
                yield return o;
            }
        }
    }

    private async Task<HttpResponseMessage> SendJsonAsync(HttpMethod method, string path, JsonObject? body, CancellationToken ct)
    {
        using var request = new HttpRequestMessage(method, new Uri(path, UriKind.Relative));
        if (body is not null)
        {
            request.Content = new StringContent(body.ToJsonString(), Encoding.UTF8);
            request.Content.Headers.ContentType = new MediaTypeHeaderValue("application/json");
        }

        return await _http.SendAsync(request, HttpCompletionOption.ResponseHeadersRead, ct).ConfigureAwait(false);
    }

    private static async Task<JsonObject> ReadJsonAsync(HttpResponseMessage response, CancellationToken ct)
    {
        await EnsureSuccessAsync(response, ct).ConfigureAwait(false);
        var text = await response.Content.ReadAsStringAsync(ct).ConfigureAwait(false);
        return JsonNode.Parse(text) as JsonObject ?? [];
    }

    /// <summary>The one choke point for errors: non-2xx becomes a <see cref="DockerApiException"/> with the daemon's message.</summary>
    private static async Task EnsureSuccessAsync(HttpResponseMessage response, CancellationToken ct)
    {
        if (response.IsSuccessStatusCode)
        {
            return;
        }

        var text = await response.Content.ReadAsStringAsync(ct).ConfigureAwait(false);
        string? message = null;
        try
        {
            message = (string?)(JsonNode.Parse(text) as JsonObject)?["message"];
        }
        catch (System.Text.Json.JsonException)
        {
            // Not JSON (a proxy's page): the raw text is the best message.
        }

        throw new DockerApiException((int)response.StatusCode, message ?? text.Trim());
    }
}
