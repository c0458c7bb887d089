using System.Net;
using System.Text;

namespace ImageRoll.Core.Tests.Kubernetes;

/// <summary>A fake API server: answers each request with the next scripted response and records what was sent.</summary>
public sealed class FakeKubeHandler : HttpMessageHandler
{
    private readonly Queue<Func<HttpRequestMessage, HttpResponseMessage>> _responses = new();

    public List<RecordedRequest> Requests { get; } = [];

    public FakeKubeHandler Respond(HttpStatusCode code, string body, string contentType = "application/json", Action<HttpResponseMessage>? configure = null)
    {
        _responses.Enqueue(_ =>
        {
            var r = new HttpResponseMessage(code) { Content = new StringContent(body, Encoding.UTF8, contentType) };
            configure?.Invoke(r);
            return r;
        });
        return this;
    }

    public FakeKubeHandler Respond(Func<HttpRequestMessage, HttpResponseMessage> respond)
    {
        _responses.Enqueue(respond);
        return this;
    }

    protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        var body = request.Content is null ? null : await request.Content.ReadAsStringAsync(cancellationToken);
        Requests.Add(new RecordedRequest(request.Method, request.RequestUri!, body, request.Content?.Headers.ContentType?.MediaType,
            request.Headers.Authorization?.ToString(), request.Headers.UserAgent.ToString()));
        if (_responses.Count == 0)
        {
            throw new InvalidOperationException($"No scripted response left for {request.Method} {request.RequestUri}");
        }

        return _responses.Dequeue()(request);
    }
}

public sealed record RecordedRequest(HttpMethod Method, Uri Uri, string? Body, string? ContentType, string? Authorization, string UserAgent)
{
    public string PathAndQuery => Uri.PathAndQuery;
}
