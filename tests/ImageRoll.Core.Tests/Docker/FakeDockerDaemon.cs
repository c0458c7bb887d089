using System.Net;
using System.Text;

namespace ImageRoll.Core.Tests.Docker;

/// <summary>An Engine API stand-in for unit tests: records each request and answers <c>GET /version</c> itself.</summary>
internal sealed class FakeDockerDaemon(string apiVersion, Func<HttpRequestMessage, Task<HttpResponseMessage>> respond, string? minApiVersion = "1.12") : HttpMessageHandler
{
    public FakeDockerDaemon(Func<HttpRequestMessage, HttpResponseMessage> respond)
        : this("1.41", r => Task.FromResult(respond(r)))
    {
    }

    public List<HttpRequestMessage> Requests { get; } = [];

    /// <summary>The requests after version negotiation.</summary>
    public IEnumerable<HttpRequestMessage> ApiRequests => Requests.Where(r => r.RequestUri!.AbsolutePath != "/version");

    public static HttpResponseMessage Json(string text, HttpStatusCode status = HttpStatusCode.OK) =>
        new(status) { Content = new StringContent(text, Encoding.UTF8, "application/json") };

    protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        Requests.Add(request);
        if (request.RequestUri!.AbsolutePath == "/version")
        {
            var min = minApiVersion is null ? string.Empty : $",\"MinAPIVersion\":\"{minApiVersion}\"";
            return Json($"{{\"Version\":\"20.10.24\",\"ApiVersion\":\"{apiVersion}\"{min},\"Os\":\"linux\",\"Arch\":\"amd64\"}}");
        }

        return await respond(request);
    }
}
