using System.Globalization;
using System.Text.Json.Nodes;
using ImageRoll.ClusterSimulator.Store;
using ImageRoll.ClusterSimulator.Tables;
using Microsoft.AspNetCore.Http;

namespace ImageRoll.ClusterSimulator.Http;

/// <summary>
/// Streams a watch as chunked newline-delimited JSON <c>{"type":...,"object":...}</c> lines (k8s.io/apiserver
/// pkg/endpoints/handlers/watch.go): replay from resourceVersion, ERROR 410 Expired when it is too old, BOOKMARKs
/// when allowWatchBookmarks=true, closed after timeoutSeconds.
/// </summary>
internal sealed class WatchStreamer
{
    private readonly SimulatorOptions _options;
    private readonly ObjectStore _store;
    private readonly CancellationToken _stopping;

    public WatchStreamer(SimulatorOptions options, ObjectStore store, CancellationToken stopping)
    {
        _options = options;
        _store = store;
        _stopping = stopping;
    }

    public async Task StreamAsync(HttpContext context, ApiRequest request, RecordedRequest record, TableOptions? table = null)
    {
        var labels = LabelSelector.Parse(request.QueryValue("labelSelector"));
        var fields = FieldSelector.Parse(request.QueryValue("fieldSelector"), request.Type);
        long? from = long.TryParse(request.QueryValue("resourceVersion"), NumberStyles.None, CultureInfo.InvariantCulture, out var rv) ? rv : null;
        var initialEvents = request.QueryValue("sendInitialEvents") == "true";
        var bookmarks = request.QueryValue("allowWatchBookmarks") == "true";
        var timeout = _options.MaxWatchTimeout;
        if (int.TryParse(request.QueryValue("timeoutSeconds"), NumberStyles.None, CultureInfo.InvariantCulture, out var seconds) && seconds > 0)
        {
            timeout = TimeSpan.FromSeconds(Math.Min(seconds, timeout.TotalSeconds));
        }

        var watchRequest = new WatchRequest
        {
            Types = [request.Type],
            Namespace = request.Namespace,
            ResourceVersion = initialEvents ? null : from,
            LabelSelector = labels,
            FieldSelector = fields,
        };

        context.Response.StatusCode = 200;
        context.Response.ContentType = "application/json";
        record.StatusCode = 200;
        StoreWatch watch;
        try
        {
            watch = _store.Watch(watchRequest);
        }
        catch (ApiException e)
        {
            // The real server answers 200 and then one ERROR event carrying the Status.
            await WriteLineAsync(context, "ERROR", e.ToStatus(), context.RequestAborted);
            return;
        }

        using (watch)
        using (var cts = CancellationTokenSource.CreateLinkedTokenSource(context.RequestAborted, _stopping))
        {
            cts.CancelAfter(timeout);

            // The real server writes and flushes the response headers before any event (k8s.io/apiserver
            // pkg/endpoints/handlers/watch.go WatchServer.HandleHTTP: WriteHeader(200), then flusher.Flush()). client-go
            // waits for them before it counts the watch as started: kubectl rollout status --watch=false's informer
            // syncs only then. Kestrel's StartAsync alone keeps the headers buffered until the first body write.
            await context.Response.StartAsync(cts.Token);
            await context.Response.Body.FlushAsync(cts.Token);
            if (initialEvents)
            {
                _store.QueueInitialEventsEnd(watch);
            }

            using var bookmarkTimer = bookmarks ? new Timer(_ => watch.RequestBookmark(), null, _options.BookmarkInterval, _options.BookmarkInterval) : null;
            try
            {
                var headers = true;
                await foreach (var e in watch.WithCancellation(cts.Token))
                {
                    if (e.Type == StoreEvent.Bookmark && !bookmarks && !initialEvents)
                    {
                        continue;
                    }

                    // As Tables, each event carries a one-row Table; only the first has column definitions
                    // (k8s.io/apiserver pkg/endpoints/handlers/response.go watchEmbeddedEncoder.doEncode sets NoHeaders).
                    var obj = e.Object;
                    if (table is not null && e.Type != "ERROR")
                    {
                        obj = TableConverter.Convert(request.Type, obj, table, _options.Clock.GetUtcNow(), headers);
                        headers = false;
                    }

                    await WriteLineAsync(context, e.Type, obj, cts.Token);
                }
            }
            catch (OperationCanceledException)
            {
                // Timeout, client gone or server stopping: end the stream as the real server does.
            }
        }
    }

    private static async Task WriteLineAsync(HttpContext context, string type, JsonObject obj, CancellationToken cancellationToken)
    {
        var line = new JsonObject { ["type"] = type, ["object"] = obj }.ToJsonString(ApiServer.Json) + "\n";
        await context.Response.WriteAsync(line, cancellationToken);
        await context.Response.Body.FlushAsync(cancellationToken);
    }
}
