using System.Net;
using ImageRoll.Kubernetes;
using ImageRoll.Kubernetes.Models;

namespace ImageRoll.Core.Tests.Kubernetes;

public class KubeWatchTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private static string Event(string type, string name, string rv) =>
        $$$$"""{"type":"{{{{type}}}}","object":{"kind":"Deployment","apiVersion":"apps/v1","metadata":{"name":"{{{{name}}}}","resourceVersion":"{{{{rv}}}}"}}}""";

    private static string Bookmark(string rv) =>
        $$$$$"""{"type":"BOOKMARK","object":{"kind":"Deployment","apiVersion":"apps/v1","metadata":{"resourceVersion":"{{{{{rv}}}}}","annotations":{"k8s.io/initial-events-end":"true"}}}}""";

    private const string Expired = """{"type":"ERROR","object":{"kind":"Status","apiVersion":"v1","metadata":{},"status":"Failure","message":"too old resource version: 657887 (680402)","reason":"Expired","code":410}}""";

    private static async Task<List<WatchEvent<KubeObject>>> Take(KubeApiClient client, int count, WatchOptions options)
    {
        var events = new List<WatchEvent<KubeObject>>();
        await foreach (var e in client.WatchAsync<KubeObject>(ResourceKind.Deployments, "team", options, Ct))
        {
            events.Add(e);
            if (events.Count == count)
            {
                break;
            }
        }

        return events;
    }

    [Fact]
    public async Task Watch_parses_events_and_bookmarks_and_resumes_from_the_last_resource_version()
    {
        var handler = new FakeKubeHandler()
            .Respond(HttpStatusCode.OK, Event("ADDED", "a", "10") + "\n" + Event("MODIFIED", "a", "11") + "\n\n" + Bookmark("15") + "\n")
            .Respond(HttpStatusCode.OK, Event("DELETED", "a", "16") + "\n");
        using var client = KubeTestClients.Create(handler);

        var events = await Take(client, 4, new WatchOptions(ResourceVersion: "9", LabelSelector: "app=a"));

        Assert.Equal([WatchEventType.Added, WatchEventType.Modified, WatchEventType.Bookmark, WatchEventType.Deleted], events.Select(e => e.Type));
        Assert.Equal("a", events[1].Object?.Metadata.Name);
        Assert.Equal("15", events[2].Object?.Metadata.ResourceVersion);
        Assert.Equal("/apis/apps/v1/namespaces/team/deployments?watch=true&allowWatchBookmarks=true&resourceVersion=9&labelSelector=app%3Da", handler.Requests[0].PathAndQuery);
        Assert.Equal("/apis/apps/v1/namespaces/team/deployments?watch=true&allowWatchBookmarks=true&resourceVersion=15&labelSelector=app%3Da", handler.Requests[1].PathAndQuery);
    }

    [Fact]
    public async Task Watch_lists_again_on_an_expired_error_event_and_continues_from_the_list()
    {
        var handler = new FakeKubeHandler()
            .Respond(HttpStatusCode.OK, Expired + "\n")
            .Respond(HttpStatusCode.OK, """{"kind":"DeploymentList","metadata":{"resourceVersion":"700"},"items":[{"metadata":{"name":"a","resourceVersion":"690"}},{"metadata":{"name":"b","resourceVersion":"699"}}]}""")
            .Respond(HttpStatusCode.OK, Event("MODIFIED", "b", "701") + "\n");
        using var client = KubeTestClients.Create(handler);

        var events = await Take(client, 3, new WatchOptions(ResourceVersion: "657887", FieldSelector: "metadata.name=b"));

        Assert.Equal([WatchEventType.Added, WatchEventType.Added, WatchEventType.Modified], events.Select(e => e.Type));
        Assert.Equal(["a", "b", "b"], events.Select(e => e.Object?.Metadata.Name));
        Assert.StartsWith("/apis/apps/v1/namespaces/team/deployments?fieldSelector=metadata.name%3Db&limit=500", handler.Requests[1].PathAndQuery, StringComparison.Ordinal);
        Assert.Contains("resourceVersion=700", handler.Requests[2].PathAndQuery, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Watch_lists_again_when_the_watch_request_itself_is_410_gone()
    {
        var handler = new FakeKubeHandler()
            .Respond(HttpStatusCode.Gone, """{"kind":"Status","status":"Failure","message":"too old resource version: 1 (5)","reason":"Gone","code":410}""")
            .Respond(HttpStatusCode.OK, """{"metadata":{"resourceVersion":"5"},"items":null}""")
            .Respond(HttpStatusCode.OK, Event("ADDED", "n", "6") + "\n");
        using var client = KubeTestClients.Create(handler);

        var events = await Take(client, 1, new WatchOptions(ResourceVersion: "1"));

        Assert.Equal("n", Assert.Single(events).Object?.Metadata.Name);
        Assert.Contains("resourceVersion=5", handler.Requests[2].PathAndQuery, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Watch_surfaces_other_error_events_as_kube_api_exceptions()
    {
        var handler = new FakeKubeHandler()
            .Respond(HttpStatusCode.OK, """{"type":"ERROR","object":{"kind":"Status","status":"Failure","message":"internal error","reason":"InternalError","code":500}}""" + "\n");
        using var client = KubeTestClients.Create(handler);

        var ex = await Assert.ThrowsAsync<KubeApiException>(() => Take(client, 1, new WatchOptions(ResourceVersion: "1")));

        Assert.Equal("IR3108", ex.Code);
        Assert.Contains("internal error", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Watch_backs_off_when_streams_end_without_events()
    {
        var delays = new List<TimeSpan>();
        var handler = new FakeKubeHandler()
            .Respond(HttpStatusCode.OK, string.Empty)
            .Respond(HttpStatusCode.OK, string.Empty)
            .Respond(HttpStatusCode.OK, Event("ADDED", "a", "3") + "\n");
        using var client = KubeTestClients.Create(handler, delays: delays);

        var events = await Take(client, 1, new WatchOptions(ResourceVersion: "2", AllowBookmarks: false, TimeoutSeconds: 300));

        Assert.Single(events);
        Assert.Equal(2, delays.Count);
        Assert.True(delays[1] > delays[0]);
        Assert.Equal("/apis/apps/v1/namespaces/team/deployments?watch=true&resourceVersion=2&timeoutSeconds=300", handler.Requests[2].PathAndQuery);
    }

    [Fact]
    public async Task Watch_reports_expiry_and_ends_when_the_caller_lists_itself()
    {
        var handler = new FakeKubeHandler()
            .Respond(HttpStatusCode.OK, Event("ADDED", "a", "10") + "\n" + Expired + "\n");
        using var client = KubeTestClients.Create(handler);

        var events = new List<WatchEvent<KubeObject>>();
        await foreach (var e in client.WatchAsync<KubeObject>(ResourceKind.Deployments, "team", new WatchOptions("9", ReportExpired: true), Ct))
        {
            events.Add(e);
        }

        Assert.Equal([WatchEventType.Added, WatchEventType.Error], events.Select(e => e.Type));
        Assert.Equal("Expired", events[1].Status?.Reason);
        Assert.Equal(410, events[1].Status?.Code);
        Assert.Single(handler.Requests);
    }
}
