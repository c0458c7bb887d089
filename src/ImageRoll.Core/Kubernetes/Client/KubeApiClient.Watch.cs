using System.Net;
using System.Runtime.CompilerServices;
using System.Text.Json;
using ImageRoll.Kubernetes.Models;
using Microsoft.Extensions.Logging;

namespace ImageRoll.Kubernetes;

/// <summary>
/// Watch as client-go's reflector does it (staging/src/k8s.io/client-go/tools/cache/reflector.go): newline-delimited
/// events, resume from the last resourceVersion seen (bookmarks included) when the server ends the stream, and on
/// 410 Expired/Gone list again, hand the listed objects out as ADDED and watch on from the list's resourceVersion
/// (or, with <see cref="WatchOptions.ReportExpired"/>, yield the ERROR event and end, so the caller lists itself).
/// </summary>
public sealed partial class KubeApiClient
{
    private const int MaxReconnectFailures = 5;

    public async IAsyncEnumerable<WatchEvent<T>> WatchAsync<T>(ResourceKind kind, string? ns, WatchOptions options, [EnumeratorCancellation] CancellationToken cancellationToken)
        where T : KubeObject
    {
        ns = Ns(kind, ns);
        var resourceVersion = options.ResourceVersion;
        var failures = 0;
        var emptyStreams = 0;
        while (true)
        {
            cancellationToken.ThrowIfCancellationRequested();
            var (response, goneStatus) = await OpenWatchAsync(kind, ns, options, resourceVersion, failures, cancellationToken).ConfigureAwait(false);
            if (response is null && goneStatus is null)
            {
                failures++;
                await Delay(Backoff(failures), cancellationToken).ConfigureAwait(false);
                continue;
            }

            failures = 0;
            var expired = goneStatus;
            var received = false;
            if (response is not null)
            {
                using (response)
                {
                    var stream = await response.Content.ReadAsStreamAsync(cancellationToken).ConfigureAwait(false);
                    using var reader = new StreamReader(stream);
                    while (await ReadLineAsync(reader, cancellationToken).ConfigureAwait(false) is { } line)
                    {
                        if (string.IsNullOrWhiteSpace(line))
                        {
                            continue;
                        }

                        var evt = ParseEvent<T>(line);
                        if (evt.Type == WatchEventType.Error)
                        {
                            if (evt.Status?.Code == (int)HttpStatusCode.Gone || evt.Status?.Reason is "Expired" or "Gone")
                            {
                                expired = evt.Status;
                                break;
                            }

                            var req = new KubeRequest(HttpMethod.Get, "watch", kind.CollectionPath(NullIfAll(ns)), kind, NullIfAll(ns));
                            throw KubeErrors.FromStatus((HttpStatusCode)(evt.Status?.Code ?? 500), evt.Status, null, req, Config);
                        }

                        resourceVersion = evt.Object?.Metadata.ResourceVersion ?? resourceVersion;
                        received = true;
                        yield return evt;
                    }
                }
            }

            if (expired is not null && options.ReportExpired)
            {
                // The caller keeps its own cache and wants to list (and so see deletions) itself.
                yield return new WatchEvent<T>(WatchEventType.Error, null, expired);
                yield break;
            }

            if (expired is not null)
            {
                _logger.LogDebug("Watch of {Resource} expired at resourceVersion {Version}; listing again.", kind.QualifiedName, resourceVersion);
                var list = await ListAllAsync<T>(kind, ns, options, cancellationToken).ConfigureAwait(false);
                foreach (var item in list.Items)
                {
                    yield return new WatchEvent<T>(WatchEventType.Added, item, null);
                }

                resourceVersion = list.Metadata.ResourceVersion;
                emptyStreams = 0;
                continue;
            }

            // The server ends watches after its timeout (or a proxy cuts them): resume where we were. A stream that
            // ends at once, again and again, is backed off so a misbehaving server is not hammered.
            emptyStreams = received ? 0 : emptyStreams + 1;
            if (emptyStreams > 0)
            {
                await Delay(Backoff(emptyStreams), cancellationToken).ConfigureAwait(false);
            }
        }
    }

    internal static WatchEvent<T> ParseEvent<T>(string line)
        where T : KubeObject
    {
        using var doc = JsonDocument.Parse(line);
        var root = doc.RootElement;
        var typeText = root.TryGetProperty("type", out var t) ? t.GetString() : null;
        var type = typeText switch
        {
            "ADDED" => WatchEventType.Added,
            "MODIFIED" => WatchEventType.Modified,
            "DELETED" => WatchEventType.Deleted,
            "BOOKMARK" => WatchEventType.Bookmark,
            "ERROR" => WatchEventType.Error,
            _ => throw new ImageRollException(KubeErrors.NotApiJson, FailureKind.OperationFailed, $"A watch event has the unknown type '{typeText}'.",
                "Check that the server URL points at a Kubernetes API server."),
        };
        if (!root.TryGetProperty("object", out var obj) || obj.ValueKind != JsonValueKind.Object)
        {
            return new WatchEvent<T>(type, null, null);
        }

        return type == WatchEventType.Error
            ? new WatchEvent<T>(type, null, obj.Deserialize(KubeJson.TypeInfo<KubeStatus>()))
            : new WatchEvent<T>(type, obj.Deserialize(KubeJson.TypeInfo<T>()), null);
    }

    private static TimeSpan Backoff(int attempt) => TimeSpan.FromMilliseconds(Math.Min(2000, 100 * (1 << Math.Min(attempt, 5))));

    /// <summary>A line, or null when the stream ended or broke (a reset connection is just a reason to resume).</summary>
    private static async Task<string?> ReadLineAsync(StreamReader reader, CancellationToken cancellationToken)
    {
        try
        {
            return await reader.ReadLineAsync(cancellationToken).ConfigureAwait(false);
        }
        catch (Exception ex) when (ex is IOException or HttpRequestException)
        {
            return null;
        }
    }

    /// <summary>The open stream; (null, Status) on HTTP 410; (null, null) when a reconnect failed and may be retried.</summary>
    private async Task<(HttpResponseMessage? Response, KubeStatus? Gone)> OpenWatchAsync(ResourceKind kind, string? ns, WatchOptions options, string? resourceVersion, int failures, CancellationToken cancellationToken)
    {
        var query = new QueryBuilder()
            .Add("watch", "true")
            .Add("allowWatchBookmarks", options.AllowBookmarks ? "true" : null)
            .Add("resourceVersion", resourceVersion)
            .Add("labelSelector", options.LabelSelector)
            .Add("fieldSelector", options.FieldSelector)
            .Add("timeoutSeconds", options.TimeoutSeconds?.ToString(System.Globalization.CultureInfo.InvariantCulture));
        var req = new KubeRequest(HttpMethod.Get, "watch", CollectionPath(kind, ns) + query, kind, NullIfAll(ns));
        try
        {
            return (await SendAsync(req, HttpCompletionOption.ResponseHeadersRead, cancellationToken, streaming: true).ConfigureAwait(false), null);
        }
        catch (KubeApiException ex) when (ex.IsGone)
        {
            return (null, ex.Status ?? new KubeStatus { Kind = "Status", Status = "Failure", Reason = "Gone", Code = 410, Message = ex.Message });
        }
        catch (ImageRollException ex) when (ex.Code == KubeErrors.Unreachable && resourceVersion is not null && failures < MaxReconnectFailures)
        {
            _logger.LogDebug("Watch reconnect failed ({Message}); retrying.", ex.Message);
            return (null, null);
        }
    }

    private async Task<KubeList<T>> ListAllAsync<T>(ResourceKind kind, string? ns, WatchOptions options, CancellationToken cancellationToken)
        where T : KubeObject
    {
        var all = new KubeList<T>();
        string? next = null;
        do
        {
            var page = await ListAsync<T>(kind, ns, new ListOptions(options.LabelSelector, options.FieldSelector, Limit: 500, Continue: next), cancellationToken).ConfigureAwait(false);
            all.Items.AddRange(page.Items);
            all.Metadata.ResourceVersion = page.Metadata.ResourceVersion;
            next = string.IsNullOrEmpty(page.Metadata.Continue) ? null : page.Metadata.Continue;
        }
        while (next is not null);
        return all;
    }
}
